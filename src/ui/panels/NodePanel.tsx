/**
 * NodePanel: the selected node (or the leader): its state (labelled per the protocol's look: Raft's
 * term and votedFor, PBFT's view), actions, the Byzantine behaviour picker when the protocol has
 * behaviours, a client-request form, its log, the leader's nextIndex/matchIndex per follower, and
 * its key-value store.
 */
import { PausedLine } from '../topology/PauseControls';
import { useShallow } from 'zustand/react/shallow';
import type { NodeDetail } from '../../core/protocol';
import type { NodeId, NodeSummary } from '../../core/types';
import { useController } from '../controller/context';
import { nodeActionsOf } from '../controls/nodeActions';
import { selectPanelNode } from '../store/selectors';
import { useStore, type PlaygroundState } from '../store/store';
import { BehaviourSelect } from '../topology/BehaviourControls';
import type { ProtocolLook } from '../protocols/types';
import { useLook } from '../protocols/useLook';
import { roleClasses } from '../protocols/words';
import { LogCells } from './LogCells';

const selectPanel = (s: PlaygroundState) => {
  const id = selectPanelNode(s);
  return { id, summary: id ? s.summaries[id] : undefined, detail: id ? s.details[id] : undefined, nodeIds: s.nodeIds, followLeader: s.selected === null };
};

/** fieldRows gives the summary rows the panel shows under `look`, as [label, value]. */
function fieldRows(s: NodeSummary, look: ProtocolLook): [string, string][] {
  const rows: [string, string][] = look.epoch ? [[look.epoch, String(s.term)]] : [];
  if (look.showVotedFor) rows.push(['votedFor', s.votedFor ?? '—']);
  if (look.hasLog) rows.push(['commitIndex', String(s.commitIndex)], ['lastApplied', String(s.lastApplied)], ['lastLogIndex', String(s.lastLogIndex)]);
  for (const [k, v] of Object.entries(s.fields ?? {})) rows.push([k, v === null ? '—' : String(v)]);
  return rows;
}

function Fields({ s, d, look }: { s: NodeSummary; d: NodeDetail | undefined; look: ProtocolLook }) {
  const rows = fieldRows(s, look);
  // An extra row repeating a field (PBFT's `view`) is shown once, as the field.
  const extra = d ? Object.entries(d.extra).filter(([k]) => !rows.some(([label]) => label === k)) : [];
  return (
    <>
      <dl className="fields">
        {rows.map(([k, v]) => (
          <div key={k} data-field={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {extra.length ? (
        <p className="extra-fields">
          {extra.map(([k, v]) => (
            <span key={k} data-field={k}>
              {k} <b>{v === null ? '—' : String(v)}</b>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

function Progress({ progress }: { progress: NonNullable<NodeDetail['progress']> }) {
  return (
    <table className="progress-table" data-testid="progress">
      <thead>
        <tr>
          <th scope="col">follower</th>
          <th scope="col">nextIndex</th>
          <th scope="col">matchIndex</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(progress).map(([id, p]) => (
          <tr key={id}>
            <th scope="row">{id}</th>
            <td>{p.nextIndex}</td>
            <td>{p.matchIndex}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Kv({ kv }: { kv: Record<string, string> }) {
  const entries = Object.entries(kv);
  if (!entries.length) return <p className="hint">empty</p>;
  return (
    <table className="kv-table" data-testid="kv">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NodePicker({ id, nodeIds, followLeader, leaderWord }: { id: NodeId; nodeIds: NodeId[]; followLeader: boolean; leaderWord: string }) {
  return (
    <select
      aria-label="Node shown"
      data-testid="panel-node"
      value={followLeader ? '' : id}
      onChange={(e) => useStore.getState().select(e.target.value || null)}
    >
      <option value="">{leaderWord}</option>
      {nodeIds.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}

export function NodePanel() {
  const { id, summary, detail, nodeIds, followLeader } = useStore(useShallow(selectPanel));
  const controller = useController();
  const look = useLook();
  if (!id || !summary) return <section className="panel-section node-panel">No node.</section>;
  return (
    <section className="panel-section node-panel" aria-label={`Node ${id}`} data-testid="panel" data-node={id}>
      <header className="node-panel-head">
        <h2>
          <span className={`node-tag big ${roleClasses(look, summary.role)}`}>{id}</span> <span className="role-word">{look.roles.find((r) => r.role === summary.role)?.label ?? summary.role}</span>
        </h2>
        <NodePicker id={id} nodeIds={nodeIds} followLeader={followLeader} leaderWord={look.leaderWord} />
      </header>
      <PausedLine id={id} />
      <Fields s={summary} d={detail} look={look} />
      <div className="node-actions">
        {nodeActionsOf(look).map((a) => (
          <button key={a.name} data-testid={a.name} disabled={!a.enabled(summary)} title={a.title(look)} onClick={() => a.perform(controller, id)}>
            {a.label(look)}
          </button>
        ))}
      </div>
      <BehaviourSelect id={id} />
      {look.hasLog ? (
        <>
          <h3>Log</h3>
          <LogCells node={`${id}-panel`} log={detail?.log ?? []} logStart={detail?.logStart} snapshot={detail?.snapshot ?? null} commitIndex={detail?.summary.commitIndex ?? summary.commitIndex} />
        </>
      ) : null}
      {detail?.progress ? (
        <>
          <h3>Replication progress</h3>
          <Progress progress={detail.progress} />
        </>
      ) : null}
      {look.hasLog || Object.keys(detail?.kv ?? {}).length ? (
        <>
          <h3>State machine</h3>
          <Kv kv={detail?.kv ?? {}} />
        </>
      ) : null}
    </section>
  );
}
