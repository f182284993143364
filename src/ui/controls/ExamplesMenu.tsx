/** ExamplesMenu lists the example scenarios with their descriptions; choosing one loads and plays it. */
import { useEffect, useRef, useState } from 'react';
import { example, exampleIds } from '../../core/scenario/examples';
import { useController } from '../controller/context';

const EXAMPLES = exampleIds().map((id) => {
  const s = example(id);
  return { id, name: s.name ?? id, description: s.description ?? '', nodes: s.nodes.length };
});

export function ExamplesMenu({ name, description }: { name: string; description: string }) {
  const controller = useController();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="menu-root" ref={root}>
      <button
        className="examples-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="examples"
        title={description ? `${name}: ${description}` : name}
        onClick={() => setOpen(!open)}
      >
        <span className="examples-label">Example</span>
        <span className="scenario-name" data-testid="scenario-name">
          {name}
        </span>{' '}
        ▾
      </button>
      {open ? (
        <div className="examples-menu" role="menu">
          {EXAMPLES.map((x) => (
            <button
              key={x.id}
              role="menuitem"
              className="example-item"
              data-testid={`example-${x.id}`}
              onClick={() => {
                setOpen(false);
                void controller.loadExample(x.id);
              }}
            >
              <span className="example-name">
                {x.name} <span className="hint">· {x.nodes} nodes</span>
              </span>
              <span className="example-desc">{x.description}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
