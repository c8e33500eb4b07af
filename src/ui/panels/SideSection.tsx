import { useState, type ReactNode } from 'react';
import { useMediaQuery } from '../useMediaQuery';

/** Matches the phone breakpoint in styles.css. */
const NARROW_SCREEN = '(max-width: 820px)';

/**
 * A side panel that folds away on a phone (a <details> with the panel's name), so the canvas and the
 * story stay within reach; on wider screens it is simply shown.
 */
export function SideSection({ title, isOpenOnPhone = false, children }: { title: string; isOpenOnPhone?: boolean; children: ReactNode }) {
  const isNarrow = useMediaQuery(NARROW_SCREEN);
  const [isOpen, setOpen] = useState(isOpenOnPhone);
  if (!isNarrow) return <>{children}</>;
  return (
    <details className="side-section" open={isOpen} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="side-section__summary">{title}</summary>
      {isOpen && children}
    </details>
  );
}
