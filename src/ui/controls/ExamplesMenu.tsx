/**
 * ExamplesMenu lists the example scenarios by group, with their descriptions, the running
 * protocol's groups first; choosing one loads and plays it.
 */
import { example, exampleGroups } from '../../core/scenario/examples';
import { useController } from '../controller/context';
import { useStore } from '../store/store';
import { usePopover } from './usePopover';

const GROUPS = exampleGroups().map((g) => ({
  title: g.title,
  protocol: g.ids[0] ? example(g.ids[0]).protocol : '',
  items: g.ids.map((id) => {
    const s = example(id);
    return { id, name: s.name ?? id, description: s.description ?? '', nodes: s.nodes.length };
  }),
}));

export function ExamplesMenu({ name, description }: { name: string; description: string }) {
  const controller = useController();
  const { open, setOpen, root } = usePopover<HTMLDivElement>();
  const protocol = useStore((st) => st.protocol);
  const groups = [...GROUPS.filter((g) => g.protocol === protocol), ...GROUPS.filter((g) => g.protocol !== protocol)];
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
          {groups.map((g) => (
            <div key={g.title} role="group" aria-label={g.title}>
              <div className="menu-heading">{g.title}</div>
              {g.items.map((x) => (
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
          ))}
        </div>
      ) : null}
    </div>
  );
}
