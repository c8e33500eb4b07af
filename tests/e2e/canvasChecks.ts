/**
 * Measuring helpers for the canvas layout specs: drive the run to a step by condition, wait for the
 * canvas to settle, and measure the React Flow canvas from the DOM (card overlaps, cards under the
 * minimap, on-screen text size, the newest record of every partition). Nothing here asserts: the
 * measurements come back as plain data, and `layoutProblems` turns them into concrete failure lines.
 */
import type { Page } from '@playwright/test';
import { readStep, stepBy } from './seek';

/** On-screen text smaller than this (CSS px after every transform, the viewport zoom included) fails. */
export const MIN_TEXT_PX = 11;
/** Sizes within this of the minimum pass: 14 px × a zoom of 11/14 is 10.99998 px in floating point. */
const TEXT_PX_EPSILON = 0.01;
/** Two cards may share at most this much area (px² on screen): rounding, not an overlap. */
export const MAX_OVERLAP_PX2 = 1;
/** Tolerance (px on screen) for "inside": sub-pixel rounding of transformed boxes. */
const INSIDE_TOLERANCE_PX = 1;
/** Failing text elements listed per state, the rest only counted. */
const LISTED_TEXT_FAILURES = 10;

// ---------------------------------------------------------------------------------------------
// Driving the run
// ---------------------------------------------------------------------------------------------

export { readStep };

export interface Advance {
  from: number;
  to: number;
  /** The run stopped before the target: nothing was left to happen. */
  isFinished: boolean;
}

/** Advances the run by `count` steps (at least), pressing → in batches. */
export async function advanceSteps(page: Page, count: number): Promise<Advance> {
  const from = await readStep(page);
  const { to, isFinished } = await stepBy(page, count);
  return { from, to, isFinished };
}

/** Presses the canvas's "Fit View" control (React Flow's Controls). */
export async function pressFitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit View', exact: true }).click();
}

/** The experiment buttons offered now: the 'Suggested experiments' group, wherever the layout puts it. */
export async function experimentLabels(page: Page): Promise<{ label: string; isEnabled: boolean }[]> {
  const buttons = page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button');
  const out: { label: string; isEnabled: boolean }[] = [];
  for (const b of await buttons.all()) out.push({ label: ((await b.textContent()) ?? '').trim(), isEnabled: await b.isEnabled() });
  return out;
}

export async function clickExperiment(page: Page, label: string): Promise<void> {
  await page.getByRole('group', { name: 'Suggested experiments' }).getByRole('button', { name: label, exact: true }).first().click();
  // The story may sit below the canvas (phones): scroll back so the canvas is where it was.
  await page.evaluate(() => window.scrollTo(0, 0));
}

// ---------------------------------------------------------------------------------------------
// Settling
// ---------------------------------------------------------------------------------------------

/**
 * Waits, frame by frame, until every card is shown (React Flow hides a card until it has measured it)
 * and no card box and no viewport transform changed for several frames in a row. Gives up after
 * `maxFrames` frames and says so.
 */
export async function waitForSettledCanvas(page: Page, maxFrames = 900): Promise<{ isSettled: boolean; frames: number }> {
  return page.evaluate(async (max) => {
    const STABLE_FRAMES = 6;
    const signature = (): string | null => {
      const viewport = document.querySelector('.react-flow__viewport');
      const nodes = [...document.querySelectorAll('.react-flow__node')];
      if (viewport === null || nodes.length === 0) return null;
      const parts = [getComputedStyle(viewport).transform];
      for (const n of nodes) {
        if (getComputedStyle(n).visibility === 'hidden') return null;
        const r = n.getBoundingClientRect();
        parts.push(`${n.getAttribute('data-id') ?? '?'}:${r.x.toFixed(1)},${r.y.toFixed(1)},${r.width.toFixed(1)},${r.height.toFixed(1)}`);
      }
      return parts.join('|');
    };
    let last: string | null = null;
    let same = 0;
    for (let frame = 0; frame < max; frame++) {
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const now = signature();
      if (now !== null && now === last) {
        same += 1;
        if (same >= STABLE_FRAMES) return { isSettled: true, frames: frame };
      } else {
        same = 0;
        last = now;
      }
    }
    return { isSettled: false, frames: max };
  }, maxFrames);
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

export interface Overlap {
  a: string;
  b: string;
  /** Shared area on screen, px². */
  area: number;
}

export interface TextFailure {
  className: string;
  text: string;
  /** On-screen size: computed font-size × every scale from the element up to the viewport. */
  px: number;
}

export interface LaneFailure {
  lane: string;
  offset: string;
  reason: string;
}

export interface CanvasMeasurement {
  /** The React Flow viewport's scale. */
  zoom: number;
  canvas: { width: number; height: number };
  cardCount: number;
  /** Cards whose box lies wholly inside the canvas box. */
  cardsInside: number;
  overlaps: Overlap[];
  hasMinimap: boolean;
  /** Cards sharing area with the minimap, px². */
  underMinimap: { card: string; area: number }[];
  /** Cards sharing area with the zoom / fit controls, px² (reported, not a failure). */
  underControls: { card: string; area: number }[];
  text: {
    /** Text-bearing elements visible on the canvas. */
    count: number;
    minPx: number | null;
    medianPx: number | null;
    failureCount: number;
    failures: TextFailure[];
  };
  lanes: {
    count: number;
    /** Lanes with no record cell (empty partitions). */
    empty: number;
    /** Lanes whose card lies partly outside the canvas box: only the in-track check applies. */
    cardOffCanvas: number;
    failures: LaneFailure[];
  };
}

/** Measures the canvas as it is now, all in one pass in the page. */
export async function measureCanvas(page: Page): Promise<CanvasMeasurement> {
  return page.evaluate(
    ({ minTextPx, epsilon, listed, tolerance }) => {
      interface Box {
        left: number;
        top: number;
        right: number;
        bottom: number;
      }
      const boxOf = (el: Element): Box => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const intersect = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
      const areaOf = (b: Box): number => Math.max(0, b.right - b.left) * Math.max(0, b.bottom - b.top);
      const inside = (inner: Box, outer: Box): boolean =>
        inner.left >= outer.left - tolerance && inner.top >= outer.top - tolerance && inner.right <= outer.right + tolerance && inner.bottom <= outer.bottom + tolerance;
      const fmt = (b: Box): string => `[${b.left.toFixed(0)},${b.top.toFixed(0)} → ${b.right.toFixed(0)},${b.bottom.toFixed(0)}]`;
      const scaleOf = (el: Element): number => {
        const t = getComputedStyle(el).transform;
        if (t === 'none' || t === '') return 1;
        const m = new DOMMatrixReadOnly(t);
        return Math.hypot(m.a, m.b);
      };
      const isShown = (el: Element): boolean => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      const cardName = (el: Element): string => el.getAttribute('data-id') ?? el.getAttribute('aria-label') ?? el.getAttribute('class') ?? '?';

      const flow = document.querySelector('.react-flow');
      if (flow === null) throw new Error('no React Flow canvas on the page');
      const viewportEl = flow.querySelector('.react-flow__viewport');
      if (viewportEl === null) throw new Error('no React Flow viewport on the page');
      const canvas = boxOf(flow);
      const zoom = scaleOf(viewportEl);

      // a) cards, pairwise
      const cards = [...flow.querySelectorAll('.react-flow__node')].filter(isShown);
      const cardBoxes = cards.map((c) => ({ name: cardName(c), box: boxOf(c) }));
      const overlaps: { a: string; b: string; area: number }[] = [];
      for (let i = 0; i < cardBoxes.length; i++) {
        for (let j = i + 1; j < cardBoxes.length; j++) {
          const area = areaOf(intersect(cardBoxes[i]!.box, cardBoxes[j]!.box));
          if (area > 0) overlaps.push({ a: cardBoxes[i]!.name, b: cardBoxes[j]!.name, area });
        }
      }
      const cardsInside = cardBoxes.filter((c) => inside(c.box, canvas)).length;

      // b) the minimap (and, for information, the controls)
      const covering = (selector: string): { card: string; area: number }[] | null => {
        const el = flow.querySelector(selector);
        if (el === null || !isShown(el)) return null;
        const box = boxOf(el);
        return cardBoxes.flatMap((c) => {
          const area = areaOf(intersect(c.box, box));
          return area > 0 ? [{ card: c.name, area }] : [];
        });
      };
      const underMinimap = covering('.react-flow__minimap');
      const underControls = covering('.react-flow__controls') ?? [];

      // c) on-screen text
      /** The part of an element not clipped by an ancestor (up to the canvas) that hides its overflow. */
      const visibleBox = (el: Element): Box => {
        let box = boxOf(el);
        for (let p = el.parentElement; p !== null && p !== flow.parentElement; p = p.parentElement) {
          const s = getComputedStyle(p);
          if (s.overflowX !== 'visible' || s.overflowY !== 'visible') box = intersect(box, boxOf(p));
        }
        return intersect(box, canvas);
      };
      /** Every scale between the element and the viewport, the viewport's zoom included. */
      const screenScale = (el: Element): number => {
        let scale = 1;
        for (let p: Element | null = el; p !== null; p = p.parentElement) {
          scale *= scaleOf(p);
          if (p === viewportEl) break;
        }
        return scale;
      };
      const texts: { className: string; text: string; px: number }[] = [];
      for (const card of cards) {
        for (const el of [card, ...card.querySelectorAll('*')]) {
          const own = [...el.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent ?? '')
            .join('')
            .trim();
          if (own === '' || !isShown(el)) continue;
          if (areaOf(visibleBox(el)) <= 0) continue;
          const fontPx = Number.parseFloat(getComputedStyle(el).fontSize);
          texts.push({ className: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`, text: own.slice(0, 40), px: fontPx * screenScale(el) });
        }
      }
      const sizes = texts.map((t) => t.px).sort((x, y) => x - y);
      const median = sizes.length === 0 ? null : sizes.length % 2 === 1 ? sizes[(sizes.length - 1) / 2]! : (sizes[sizes.length / 2 - 1]! + sizes[sizes.length / 2]!) / 2;
      const textFailures = texts.filter((t) => t.px < minTextPx - epsilon).sort((x, y) => x.px - y.px);
      // Listed: the smallest of each kind (tag and classes) first, then the next smallest.
      const firstOfKind = textFailures.filter((t, i) => textFailures.findIndex((u) => u.className === t.className) === i);
      const listedFailures = [...firstOfKind, ...textFailures.filter((t) => !firstOfKind.includes(t))].slice(0, listed);

      // d) the newest record of every partition
      const LANE = '.lane, [data-lane], [data-partition], [role="group"][aria-label^="Partition "]';
      // The outermost match per lane (a lane's own parts may carry a data attribute too).
      const laneEls = [...flow.querySelectorAll(LANE)].filter((el) => (el.parentElement?.closest(LANE) ?? null) === null);
      let empty = 0;
      let cardOffCanvas = 0;
      const laneFailures: { lane: string; offset: string; reason: string }[] = [];
      for (const lane of laneEls) {
        const name = lane.getAttribute('aria-label') ?? lane.getAttribute('data-partition') ?? lane.getAttribute('data-lane') ?? lane.textContent.trim().slice(0, 30);
        const tagged = [...lane.querySelectorAll('[data-offset]')];
        const cells = tagged.length > 0 ? tagged : [...lane.querySelectorAll('.cell')];
        const offsetOf = (c: Element): number => Number(c.getAttribute('data-offset') ?? c.querySelector('.cell__offset')?.textContent ?? Number.NaN);
        if (cells.length === 0) {
          empty += 1;
          continue;
        }
        // The newest: the highest offset (DOM order may run either way), else the last in the DOM.
        const newest = cells.reduce((best, c) => (offsetOf(c) > offsetOf(best) ? c : best), cells[cells.length - 1]!);
        const offset = String(Number.isNaN(offsetOf(newest)) ? '?' : offsetOf(newest));
        const card = lane.closest('.react-flow__node');
        const track = lane.querySelector('.lane__track, [data-lane-track], [data-track]') ?? newest.parentElement?.parentElement ?? lane;
        const cell = boxOf(newest);
        const fail = (reason: string): void => {
          laneFailures.push({ lane: name, offset, reason });
        };
        if (!isShown(newest) || areaOf(cell) <= 0) {
          fail('the newest cell is not rendered visibly (hidden or zero size)');
          continue;
        }
        const trackBox = boxOf(track);
        if (!inside(cell, trackBox)) fail(`cell ${fmt(cell)} outside its lane track ${fmt(trackBox)}`);
        if (card !== null) {
          const cardBox = boxOf(card);
          if (!inside(cell, cardBox)) fail(`cell ${fmt(cell)} outside its card ${fmt(cardBox)}`);
          if (inside(cardBox, canvas)) {
            if (!inside(cell, canvas)) fail(`cell ${fmt(cell)} outside the canvas ${fmt(canvas)} though its card is inside`);
          } else {
            cardOffCanvas += 1;
          }
        }
      }

      return {
        zoom,
        canvas: { width: canvas.right - canvas.left, height: canvas.bottom - canvas.top },
        cardCount: cards.length,
        cardsInside,
        overlaps,
        hasMinimap: underMinimap !== null,
        underMinimap: underMinimap ?? [],
        underControls,
        text: { count: texts.length, minPx: sizes[0] ?? null, medianPx: median, failureCount: textFailures.length, failures: listedFailures },
        lanes: { count: laneEls.length, empty, cardOffCanvas, failures: laneFailures },
      };
    },
    { minTextPx: MIN_TEXT_PX, epsilon: TEXT_PX_EPSILON, listed: LISTED_TEXT_FAILURES, tolerance: INSIDE_TOLERANCE_PX },
  );
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

/** Two decimals: 14 px at a zoom of 0.784 is 10.98 px, a failure that one decimal would print as 11.0. */
const px = (n: number | null): string => (n === null ? '–' : n.toFixed(2));

/** One line of numbers for a measured state. */
export function summarize(m: CanvasMeasurement): string {
  const overlapping = m.overlaps.filter((o) => o.area > MAX_OVERLAP_PX2);
  return [
    `zoom ${m.zoom.toFixed(3)}`,
    `cards ${m.cardCount} (${m.cardsInside} inside)`,
    `overlapping pairs ${overlapping.length}`,
    `text min ${px(m.text.minPx)} px, median ${px(m.text.medianPx)} px, ${m.text.failureCount}/${m.text.count} < ${MIN_TEXT_PX} px`,
    m.hasMinimap ? `under minimap ${m.underMinimap.length}` : 'no minimap',
    `newest-offset failures ${m.lanes.failures.length}/${m.lanes.count - m.lanes.empty} lanes`,
    `under controls ${m.underControls.length}`,
  ].join(' · ');
}

/** The concrete failures of a measured state, one line each (empty when the layout passes). */
export function layoutProblems(state: string, m: CanvasMeasurement): string[] {
  const out: string[] = [];
  const overlapping = m.overlaps.filter((o) => o.area > MAX_OVERLAP_PX2).sort((x, y) => y.area - x.area);
  if (overlapping.length > 0) {
    out.push(`${state}: ${overlapping.length} overlapping card pairs: ${overlapping.map((o) => `${o.a} × ${o.b} ${o.area.toFixed(0)} px²`).join(', ')}`);
  }
  if (m.underMinimap.length > 0) {
    out.push(`${state}: ${m.underMinimap.length} cards under the minimap: ${m.underMinimap.map((c) => `${c.card} ${c.area.toFixed(0)} px²`).join(', ')}`);
  }
  if (m.text.failureCount > 0) {
    out.push(
      `${state}: ${m.text.failureCount} of ${m.text.count} texts under ${MIN_TEXT_PX} px (min ${px(m.text.minPx)}, median ${px(m.text.medianPx)}, zoom ${m.zoom.toFixed(3)}): ` +
        m.text.failures.map((t) => `${t.className} '${t.text}' ${px(t.px)} px`).join(', ') +
        (m.text.failureCount > m.text.failures.length ? ', …' : ''),
    );
  }
  for (const f of m.lanes.failures) out.push(`${state}: newest offset ${f.offset} of '${f.lane}': ${f.reason}`);
  return out;
}
