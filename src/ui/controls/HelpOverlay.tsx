/** HelpOverlay: the keyboard shortcuts, from the command registry; `?` opens it, Esc closes it. */
import { useStore } from '../store/store';
import { COMMANDS, keyLabel } from './commands';

export function HelpOverlay() {
  const open = useStore((s) => s.helpOpen);
  if (!open) return null;
  const close = () => useStore.getState().setHelpOpen(false);
  return (
    <div className="overlay" onClick={close}>
      <div className="help-card" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" data-testid="help-overlay" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>Keyboard shortcuts</h2>
          <button aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <table>
          <tbody>
            {COMMANDS.map((c) => (
              <tr key={c.id}>
                <td className="keys">
                  {c.keys.map((k) => (
                    <kbd key={k}>{keyLabel(k)}</kbd>
                  ))}
                </td>
                <td>{c.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">Shortcuts work whenever the focus is not in a text field. Drag the timeline to travel in time; any action taken in the past forks the run there.</p>
      </div>
    </div>
  );
}
