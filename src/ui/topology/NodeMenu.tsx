/**
 * NodeMenu is the menu of a node (right click, or Enter / Shift+F10 on a focused node): the node
 * actions the protocol's look offers (in its words), "Pause for … ms", "Move to Partition A/B" (or back to the
 * cluster), "Send a request…" when the look has a request form, and the Byzantine behaviours when the protocol has any. It is keyboard
 * operable: focus starts on its first item, ↑ ↓ move, Escape closes back to the node.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { NodeId } from '../../core/types';
import type { RegionId } from '../store/types';
import { useController } from '../controller/context';
import { nodeActionsOf } from '../controls/nodeActions';
import { selectNodeMenu } from '../store/selectors';
import { useStore, type PlaygroundState } from '../store/store';
import { BehaviourMenuItems } from './BehaviourControls';
import { regionTitle } from './regionNames';
import { useLayout } from './useLayout';
import { moveToRegion } from './partition';
import { useLook } from '../protocols/useLook';
import { useMenuFocus } from './useMenuFocus';
import { PauseMenuItem } from './PauseControls';

const selectOpen = (s: PlaygroundState) => s.openNodeMenu;
const selectSummaries = (s: PlaygroundState) => s.summaries;
const selectRegionOf = (s: PlaygroundState) => s.regionOf;

/** moveLabel names the move to region `r`: into a partition, or back into the cluster. */
const moveLabel = (r: RegionId) => (r === 'main' ? `Move back to the ${regionTitle(r).toLowerCase()}` : `Move to ${regionTitle(r)}`);

/** PartitionItems offers every region the node is not in; each records the partition a drag there would. */
function PartitionItems({ id, done }: { id: NodeId; done: () => void }) {
  const controller = useController();
  const here = useStore(selectRegionOf)[id] ?? 'main';
  // Every region drawn: the cluster, each partition in use and the empty one after them.
  const { order } = useLayout();
  return (
    <div className="menu-partition" role="group" aria-label="Partition">
      {order.filter((r) => r !== here).map((r) => (
        <button
          key={r}
          role="menuitem"
          data-testid={`menu-move-${r}`}
          title={r === 'main' ? 'Join the cluster again' : `Cut ${id} off from the nodes outside ${regionTitle(r)}`}
          onClick={() => {
            moveToRegion([id], r, controller);
            done();
          }}
        >
          {moveLabel(r)}
        </button>
      ))}
    </div>
  );
}

export function NodeMenu() {
  const menu = useStore(selectNodeMenu);
  const open = useStore(selectOpen);
  const summaries = useStore(selectSummaries);
  const controller = useController();
  const look = useLook();

  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => open(null), [open]);
  useMenuFocus(!!menu, box, close);
  useEffect(() => {
    if (!menu) return;
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [menu, close]);

  // The menu's height depends on the protocol's actions: once drawn, keep all of it on screen.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const over = el.getBoundingClientRect().bottom - window.innerHeight;
    if (over > 0) el.style.top = `${Math.max(0, el.getBoundingClientRect().top - over - 4)}px`;
  }, [menu]);

  if (!menu) return null;
  const s = summaries[menu.id];
  const left = Math.min(menu.x, window.innerWidth - 260);
  const top = Math.max(0, Math.min(menu.y, window.innerHeight - (look.behaviours.length ? 480 : 320)));
  return (
    <div ref={box} className="popover node-menu" role="menu" aria-label={`${menu.id} actions`} data-testid="menu" style={{ left, top }} onPointerDown={(e) => e.stopPropagation()}>
      <div className="menu-title">{menu.id}</div>
      {nodeActionsOf(look).map((a) => (
        <button
          key={a.name}
          role="menuitem"
          disabled={!a.enabled(s)}
          title={a.title(look)}
          data-testid={`menu-${a.name}`}
          onClick={() => {
            a.perform(controller, menu.id);
            close();
          }}
        >
          {a.label(look)}
        </button>
      ))}
      <PauseMenuItem id={menu.id} disabled={s?.role === 'crashed'} done={close} />
      {look.requestForm ? (
        <button
          role="menuitem"
          data-testid="menu-request"
          onClick={() => {
            useStore.getState().select(menu.id);
            open(null);
            // The form's first text field (the key, in the key-value form), whichever protocol's form it is.
            requestAnimationFrame(() => {
              const form = document.querySelector<HTMLElement>('[data-testid="request-dock"] form');
              (form?.querySelector<HTMLElement>('input') ?? form?.querySelector<HTMLElement>('select'))?.focus();
            });
          }}
        >
          Send a client request…
        </button>
      ) : null}
      <PartitionItems id={menu.id} done={close} />
      <BehaviourMenuItems id={menu.id} done={close} />
    </div>
  );
}
