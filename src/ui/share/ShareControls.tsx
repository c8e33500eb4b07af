import { useRef, useState } from 'react';
import { Icon } from '../Icon';
import { useSimulationStore } from '../store/simulationStore';
import { currentRun } from './currentRun';
import { decodeRun, encodeRun, MAX_LINK_LENGTH, runFragment } from './runLink';

const RUN_FILE_KIND = 'kafka-sim-run';

function linkFor(fragment: string): string {
  return `${location.href.split('#')[0]!}#${fragment}`;
}

/** "Copy link" (or, for a run too long for a link, "Download run"), and "Open run file". */
export function ShareControls() {
  const [toast, setToast] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const openRunGradually = useSimulationStore((s) => s.openRunGradually);
  const show = (text: string) => {
    setToast(text);
    window.setTimeout(() => setToast(null), 4_000);
  };

  const copy = async () => {
    const run = currentRun(useSimulationStore.getState());
    const link = linkFor(runFragment(run));
    if (link.length > MAX_LINK_LENGTH) {
      download(encodeRun(run));
      show(`This run is too long for a link (${link.length} characters), so it was saved as a file: open it with "Open run file".`);
      return;
    }
    try {
      await navigator.clipboard.writeText(link);
      show('Link copied: it opens this run at this step.');
    } catch {
      window.prompt('Copy this link:', link);
    }
  };

  const download = (encoded: string) => {
    const blob = new Blob([JSON.stringify({ kind: RUN_FILE_KIND, run: encoded }, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'kafka-sim-run.json';
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const openFile = async (file: File) => {
    let encoded: unknown;
    try {
      const parsed = JSON.parse(await file.text()) as { kind?: unknown; run?: unknown };
      encoded = parsed.kind === RUN_FILE_KIND ? parsed.run : null;
    } catch {
      encoded = null;
    }
    if (typeof encoded !== 'string') {
      show('That file is not a Kafka Sim run.');
      return;
    }
    const decoded = decodeRun(encoded);
    if (!decoded.ok) {
      show(decoded.message);
      return;
    }
    // A run far along replays with its progress on screen (and can be cancelled).
    openRunGradually(decoded.run, (outcome) => {
      if (outcome.kind !== 'cancelled') show(outcome.kind === 'failed' ? outcome.problem : 'Run opened from the file.');
    });
  };

  return (
    <>
      <button type="button" className="button button--ghost" onClick={() => void copy()} aria-label="Copy link" title="Copy link: a link that opens exactly this run at this step">
        <Icon name="link" />
        <span className="button__label">Copy link</span>
      </button>
      <button
        type="button"
        className="button button--ghost button--icon"
        onClick={() => fileInput.current?.click()}
        aria-label="Open run file"
        title="Open run file: a run saved to a file by Copy link (when it was too long for a link)"
      >
        <Icon name="open" />
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        hidden
        aria-label="Run file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f !== undefined) void openFile(f);
          e.target.value = '';
        }}
      />
      <div className="toast" role="status" aria-live="polite">
        {toast}
      </div>
    </>
  );
}
