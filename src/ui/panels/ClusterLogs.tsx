/** ClusterLogs: every node's log, one row each, so replication and commitment show at a glance (protocols with a replicated log only). */
import { useShallow } from 'zustand/react/shallow';
import { selectClusterLogs } from '../store/selectors';
import { useStore } from '../store/store';
import { useLook } from '../protocols/useLook';
import { roleClasses } from '../protocols/words';
import { LogCells } from './LogCells';

export function ClusterLogs() {
  const { nodeIds, details, summaries } = useStore(useShallow(selectClusterLogs));
  const look = useLook();
  if (!look.hasLog) return null; // 2PC's write-ahead log and gossip's values show in their own panels
  return (
    <section className="panel-section" aria-label="Logs of all nodes">
      <h3>Logs</h3>
      <div className="cluster-logs">
        {nodeIds.map((id) => {
          const d = details[id];
          const role = summaries[id]?.role ?? look.defaultRole;
          return (
            <div className="cluster-log-row" key={id}>
              <span className={`node-tag ${roleClasses(look, role)}`} title={role}>
                {id}
              </span>
              <LogCells node={id} log={d?.log ?? []} logStart={d?.logStart} snapshot={d?.snapshot ?? null} commitIndex={d?.summary.commitIndex ?? 0} max={16} />
            </div>
          );
        })}
      </div>
      <p className="hint">Solid: committed · hatched: not yet committed{look.epoch ? ` · colour: ${look.epoch}` : ''}</p>
    </section>
  );
}
