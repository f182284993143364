/**
 * Legend: what the colours and shapes on the canvas mean for the running protocol (its roles and
 * message kinds, see src/ui/protocols/), in one compact strip, plus the Heal button.
 */
import { useController } from '../controller/context';
import { useLook } from '../protocols/useLook';
import { useStore } from '../store/store';
import { roleClasses } from '../protocols/words';
import { MessageGlyph } from './MessageGlyph';

export function CanvasBar() {
  const controller = useController();
  const look = useLook();
  const config = useStore((s) => s.config);
  const omit = look.legendOmits(config ?? {});
  const roles = look.roles.filter((r) => !omit.roles?.includes(r.role));
  const legend = look.legend.filter((e) => !e.kinds.every((k) => omit.kinds?.includes(k)));
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
        {roles.map((r) => (
          <li key={r.role} title={r.description}>
            <span className={`role-chip ${roleClasses(look, r.role)}`} />
            {r.label}
          </li>
        ))}
        {look.behaviours.length > 0 ? (
          <>
            <li title="The adversary controls this node (right-click a node to switch its behaviour)">
              <span className="role-chip legend-byz" />
              Byzantine
            </li>
            <li title="Honest replicas caught this node misbehaving">
              <span className="legend-suspect">⚠</span>
              suspected
            </li>
          </>
        ) : null}
        {legend.map((e) => (
          <li key={e.kinds.join(' ')} title={e.title}>
            {e.kinds.map((k) => (
              <MessageGlyph key={k} look={look} kind={k} size={22} />
            ))}
            {e.text}
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
