/** Legend: what the colours and shapes on the canvas mean, in one compact strip, plus the Heal button. */
import { useController } from '../controller/context';
import { MessageGlyph } from './MessageGlyph';
import { MSG_KINDS } from './messageKinds';

const ROLES = ['follower', 'candidate', 'leader', 'crashed'] as const;
const SHORT: Record<string, string> = {
  rv: 'RequestVote',
  'rv-yes': 'vote granted',
  'rv-no': 'vote denied',
  'ae-hb': 'heartbeat',
  'ae-data': 'AppendEntries + entries',
  'aer-ok': 'append ok',
  'aer-no': 'append rejected',
};

export function CanvasBar() {
  const controller = useController();
  return (
    <aside className="canvas-bar" aria-label="Network and legend">
      <button
        className="heal-btn"
        data-testid="heal"
        title="Move every node back into the cluster and remove all partitions and cut links"
        onClick={() => void controller.heal().catch(() => undefined)}
      >
        Heal network
      </button>
      <ul className="legend" aria-label="Legend">
        {ROLES.map((r) => (
          <li key={r}>
            <span className={`role-chip role-${r}`} />
            {r}
          </li>
        ))}
        {MSG_KINDS.map((k) => (
          <li key={k.kind} title={k.label}>
            <MessageGlyph kind={k.kind} size={22} />
            {SHORT[k.kind] ?? k.label}
          </li>
        ))}
        <li>
          <span className="line-sample is-cut" />
          cut link
        </li>
        <li>
          <span className="line-sample is-cross" />
          across partition
        </li>
      </ul>
      <p className="hint canvas-help">Drag nodes (shift-click or drag a box to pick several) into a partition. Click a link to change it. Right-click a node for actions.</p>
    </aside>
  );
}
