import { useEffect, useRef, type RefObject } from 'react';

/**
 * A native <dialog> shown as a modal while `isOpen` (focus stays inside, the page behind takes no
 * clicks, Esc fires its cancel event) and closed otherwise. Attach the returned ref to the dialog.
 */
export function useModalDialog(isOpen: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d === null) return;
    if (isOpen && !d.open) d.showModal();
    if (!isOpen && d.open) d.close();
  }, [isOpen]);
  return dialog;
}
