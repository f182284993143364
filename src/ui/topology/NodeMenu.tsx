/**
 * NodeMenu is the right-click menu of a node: the node actions (labelled per the protocol's look),
 * "Send a request…", and the Byzantine behaviours when the protocol has any.
 */
import { useEffect } from 'react';
import { useController } from '../controller/context';
import { NODE_ACTIONS } from '../controls/nodeActions';
import { selectNodeMenu } from '../store/selectors';
import { useStore, type PlaygroundState } from '../store/store';
import { BehaviourMenuItems } from './BehaviourControls';
import { useLook } from './useLook';

const selectOpen = (s: PlaygroundState) => s.openNodeMenu;
const selectSummaries = (s: PlaygroundState) => s.summaries;

export function NodeMenu() {
  const menu = useStore(selectNodeMenu);
  const open = useStore(selectOpen);
  const summaries = useStore(selectSummaries);
  const controller = useController();
  const look = useLook();

  useEffect(() => {
    if (!menu) return;
    const close = () => open(null);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', close);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', close);
    };
  }, [menu, open]);

  if (!menu) return null;
  const s = summaries[menu.id];
  const left = Math.min(menu.x, window.innerWidth - 260);
  const top = Math.max(0, Math.min(menu.y, window.innerHeight - (look.behaviours.length ? 360 : 200)));
  return (
    <div className="popover node-menu" role="menu" data-testid="menu" style={{ left, top }} onPointerDown={(e) => e.stopPropagation()}>
      <div className="menu-title">{menu.id}</div>
      {NODE_ACTIONS.map((a) => (
        <button
          key={a.name}
          role="menuitem"
          disabled={!a.enabled(s)}
          title={a.title(look)}
          data-testid={`menu-${a.name}`}
          onClick={() => {
            a.perform(controller, menu.id);
            open(null);
          }}
        >
          {a.label(look)}
        </button>
      ))}
      <button
        role="menuitem"
        data-testid="menu-request"
        onClick={() => {
          useStore.getState().select(menu.id);
          open(null);
          requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="request-key"]')?.focus());
        }}
      >
        Send a client request…
      </button>
      <BehaviourMenuItems id={menu.id} done={() => open(null)} />
    </div>
  );
}
