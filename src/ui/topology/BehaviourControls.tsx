/**
 * Byzantine behaviour controls, for protocols that declare behaviours (PBFT): menu items for the
 * node's context menu and a select for the node panel. Both record a `byzantine` timeline action
 * through the controller (controls/nodeActions.ts), like crash and restart, so share links replay
 * them. They render nothing for crash-fault protocols (Raft).
 */
import type { NodeId } from '../../core/types';
import { useController } from '../controller/context';
import { HONEST_CHOICE, setBehaviour } from '../controls/nodeActions';
import { useStore, type PlaygroundState } from '../store/store';
import type { ProtocolLook } from '../protocols/types';
import { useLook } from '../protocols/useLook';

/** BehaviourChoice is one option: honest or a behaviour, with its tooltip. */
interface BehaviourChoice {
  id: string;
  title: string;
  description: string;
}

/** choicesOf lists Honest first, then the look's behaviours. */
function choicesOf(look: ProtocolLook): BehaviourChoice[] {
  return [{ id: HONEST_CHOICE, title: 'Honest', description: 'Follows the protocol' }, ...look.behaviours];
}

const behaviourSel = new Map<NodeId, (s: PlaygroundState) => string>();
/** useBehaviour gives node `id`'s current behaviour id, or HONEST_CHOICE. */
function useBehaviour(id: NodeId): string {
  let sel = behaviourSel.get(id);
  if (!sel) behaviourSel.set(id, (sel = (s) => s.details[id]?.behaviour ?? HONEST_CHOICE));
  return useStore(sel);
}

/** BehaviourMenuItems lists the behaviours as context-menu items; `done` closes the menu. */
export function BehaviourMenuItems({ id, done }: { id: NodeId; done: () => void }) {
  const look = useLook();
  const controller = useController();
  const current = useBehaviour(id);
  if (look.behaviours.length === 0) return null;
  return (
    <div className="menu-byz" role="group" aria-label="Byzantine behaviour">
      <div className="menu-heading">Byzantine behaviour</div>
      <div className="menu-byz-grid">
        {choicesOf(look).map((b) => (
          <button
            key={b.id}
            role="menuitemradio"
            aria-checked={current === b.id}
            className={b.id === HONEST_CHOICE ? 'byz-choice is-honest' : 'byz-choice'}
            title={b.description}
            data-testid={`menu-byz-${b.id}`}
            onClick={() => {
              if (current !== b.id) setBehaviour(controller, id, b.id);
              done();
            }}
          >
            {b.title}
          </button>
        ))}
      </div>
    </div>
  );
}

/** BehaviourSelect is the node panel's behaviour picker. */
export function BehaviourSelect({ id }: { id: NodeId }) {
  const look = useLook();
  const controller = useController();
  const current = useBehaviour(id);
  if (look.behaviours.length === 0) return null;
  const choices = choicesOf(look);
  return (
    <label className={current === HONEST_CHOICE ? 'behaviour-pick' : 'behaviour-pick is-byzantine'} title={choices.find((c) => c.id === current)?.description}>
      Byzantine behaviour
      <select data-testid="behaviour" value={current} onChange={(e) => setBehaviour(controller, id, e.target.value)}>
        {choices.map((b) => (
          <option key={b.id} value={b.id} title={b.description}>
            {b.title}
          </option>
        ))}
      </select>
    </label>
  );
}
