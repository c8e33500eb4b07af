import { useEffect, useId, useRef, useState } from 'react';
import type { Experiment } from '../../experiments/experiments';
import { useSimulationStore } from '../../store/simulationStore';
import type { Selection } from '../../store/selection';

/**
 * The "⋯" menu on a canvas node: the actor's experiments plus "Inspect". A menu button with
 * role="menu" items, arrow keys to move, Escape to close (the WAI-ARIA menu button pattern).
 */
export function NodeMenu({ actorLabel, experiments, inspect }: { actorLabel: string; experiments: Experiment[]; inspect: Selection }) {
  const act = useSimulationStore((s) => s.act);
  const select = useSimulationStore((s) => s.select);
  const [isOpen, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onMenuKey = (e: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') items[(index + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(index - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const run = (commands: Experiment['commands']) => {
    act(commands);
    close();
  };

  return (
    <div className="node-menu nodrag nopan" onClick={(e) => e.stopPropagation()}>
      <button
        ref={buttonRef}
        type="button"
        className="node-menu__button"
        aria-label={`Actions for ${actorLabel}`}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        title={`Actions for ${actorLabel}`}
        onClick={() => setOpen(!isOpen)}
      >
        ⋯
      </button>
      {isOpen && (
        <ul ref={menuRef} id={menuId} role="menu" aria-label={`Actions for ${actorLabel}`} className="node-menu__list" onKeyDown={onMenuKey}>
          {experiments.map((x) => (
            <li key={x.label} role="none">
              <button type="button" role="menuitem" className={x.isDangerous ? 'node-menu__item node-menu__item--danger' : 'node-menu__item'} title={x.hint} onClick={() => run(x.commands)}>
                {x.label}
              </button>
            </li>
          ))}
          <li role="none">
            <button
              type="button"
              role="menuitem"
              className="node-menu__item"
              onClick={() => {
                select(inspect);
                close();
              }}
            >
              Inspect
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
