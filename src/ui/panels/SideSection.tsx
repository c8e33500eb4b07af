import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMediaQuery } from '../useMediaQuery';

/** Matches the phone breakpoint in styles.css. */
const NARROW_SCREEN = '(max-width: 820px)';

/**
 * A side panel that folds away on a phone (a <details> with the panel's name), so the canvas and the
 * story stay within reach; on wider screens it is simply shown.
 *
 * With `isSheetOnPhone` it is instead a sheet pinned to the bottom of a phone's screen, so what it
 * shows is in view whatever the learner scrolled to. Folded, the sheet shows only its newest line
 * (styles.css says which that is); "Earlier lines" opens it to half the screen.
 */
export function SideSection({ title, isOpenOnPhone = false, isSheetOnPhone = false, children }: { title: string; isOpenOnPhone?: boolean; isSheetOnPhone?: boolean; children: ReactNode }) {
  const isNarrow = useMediaQuery(NARROW_SCREEN);
  const [isOpen, setOpen] = useState(isOpenOnPhone);
  if (!isNarrow) return <>{children}</>;
  if (isSheetOnPhone) return <PhoneSheet title={title}>{children}</PhoneSheet>;
  return (
    <details className="side-section" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="side-section__summary">{title}</summary>
      {isOpen && children}
    </details>
  );
}

function PhoneSheet({ title, children }: { title: string; children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const sheet = useRef<HTMLElement>(null);

  // The page keeps room below its last panel for the sheet (--sheet-height in styles.css), however tall
  // the newest line makes it.
  useEffect(() => {
    const element = sheet.current;
    if (element === null) return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty('--sheet-height', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.removeProperty('--sheet-height');
    };
  }, []);

  return (
    <section ref={sheet} className={isOpen ? 'sheet sheet--open' : 'sheet'} aria-label={title}>
      <button type="button" className="button button--small sheet__toggle" aria-expanded={isOpen} onClick={() => setOpen(!isOpen)}>
        {isOpen ? 'Newest only' : 'Earlier lines'}
      </button>
      {/* A fresh mount on each toggle, so a list that keeps its newest line in view scrolls to it again. */}
      <div key={String(isOpen)} className="sheet__body">
        {children}
      </div>
    </section>
  );
}
