/**
 * BugsMenu: switches that plant a known bug in the protocol (its `teachingBugs`), to show what the
 * safety checks catch. Switching one restarts the scenario with `config.bugs` set.
 */
import { useShallow } from 'zustand/react/shallow';
import { getProtocol } from '../../core/protocols/registry';
import { useController } from '../controller/context';
import { useStore } from '../store/store';
import { usePopover } from './usePopover';

export function BugsMenu() {
  const controller = useController();
  const { bugs, protocol } = useStore(useShallow((s) => ({ bugs: s.bugs, protocol: s.protocol })));
  const { open, setOpen, root } = usePopover<HTMLDivElement>();
  const catalogue = (() => {
    try {
      return getProtocol(protocol).protocol.teachingBugs;
    } catch {
      return [];
    }
  })();
  if (catalogue.length === 0) return null;
  const toggle = (id: string) => {
    const next = bugs.includes(id) ? bugs.filter((b) => b !== id) : [...bugs, id];
    setOpen(false);
    void controller.setBugs(next);
  };
  return (
    <div className="menu-root" ref={root}>
      <button
        className={`bugs-btn${bugs.length ? ' has-bugs' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="bugs"
        data-bugs={bugs.join(',')}
        title="Teaching bugs: plant a known bug and watch the safety checks catch it"
        onClick={() => setOpen(!open)}
      >
        {bugs.length ? `${bugs.length} bug${bugs.length > 1 ? 's' : ''} on` : 'Bugs'} ▾
      </button>
      {open ? (
        <div className="examples-menu" role="menu" aria-label="Teaching bugs">
          <div className="menu-heading">Plant a bug (the run restarts)</div>
          {catalogue.map((b) => (
            <label key={b.id} className="bug-item" title={`Breaks: ${b.rule}\nExpected: ${b.expected}`}>
              <input type="checkbox" role="menuitemcheckbox" data-testid={`bug-${b.id}`} checked={bugs.includes(b.id)} onChange={() => toggle(b.id)} />
              <span className="example-name">{b.title}</span>
              <span className="example-desc">{b.description}</span>
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
