/**
 * ChecksPanel: one lamp per safety property the protocol declares (Raft: Figure 3), plus one for
 * the linearizability of the client history, one for liveness (once faults stop, progress resumes),
 * and the run summary (operations, recovery after each fault). A red lamp names what broke; the first violation's moment can be shared.
 */
import { PROTOCOLS } from '../../core/protocols/registry';
import { useShallow } from 'zustand/react/shallow';
import { copyText } from '../controller/share';
import { LIVENESS_BOUND_MS } from '../../core/check/liveness';
import { useChecks } from '../store/checks';
import { useStore } from '../store/store';

function Lamp({ state, name, title, detail, testId }: { state: 'ok' | 'bad' | 'unknown'; name: string; title: string; detail?: string; testId: string }) {
  return (
    <li className={`lamp lamp-${state}`} data-testid={testId} data-state={state} title={title}>
      <span className="lamp-dot" aria-hidden="true" />
      <span className="lamp-name">{name}</span>
      <span className="sr-only">{state === 'ok' ? 'holds' : state === 'bad' ? 'violated' : 'not decided'}</span>
      {detail ? <span className="lamp-detail">{detail}</span> : null}
    </li>
  );
}

/** LivenessLamp: green once an operation completes after faults stop, red when one waits past the bound, grey otherwise. */
function LivenessLamp() {
  const v = useChecks((c) => c.liveness);
  const state = v?.status === 'progress' ? 'ok' : v?.status === 'stalled' ? 'bad' : 'unknown';
  return (
    <Lamp
      testId="lamp-liveness"
      state={state}
      name="Liveness"
      title={`Once faults stop, progress resumes: with no fault in force (no crash, partition, bad link, skewed clock, manual delivery, or more Byzantine nodes than tolerated), every client operation completes within ${(LIVENESS_BOUND_MS / 1000).toFixed(0)} s.`}
      {...(v ? { detail: v.text } : {})}
    />
  );
}

function ViolationShare() {
  const url = useChecks((c) => c.violationUrl);
  if (!url) return null;
  return (
    <div className="violation-share">
      <a href={url} data-testid="violation-url" target="_blank" rel="noreferrer">
        Link to the failing moment
      </a>
      <button
        onClick={() => {
          void copyText(url).then(
            () => useStore.getState().pushAlert('info', 'Copied the link to the failing moment.'),
            () => useStore.getState().pushAlert('error', 'Could not copy the link; use the link itself instead.'),
          );
        }}
      >
        Copy
      </button>
    </div>
  );
}

function Summary() {
  const { ops, recoveries } = useChecks(useShallow((c) => ({ ops: c.ops, recoveries: c.recoveries })));
  const shown = recoveries.slice(-6);
  return (
    <details className="run-summary" data-testid="run-summary">
      <summary>
        Run summary: <b data-testid="ops-ok">{ops.ok}</b> of <b data-testid="ops-submitted">{ops.submitted}</b> operations succeeded
        {ops.fail ? `, ${ops.fail} failed` : ''}
        {ops.info ? `, ${ops.info} unknown` : ''}
      </summary>
      {recoveries.length === 0 ? (
        <p className="hint">No faults yet. Recovery time is the time from a fault until a leader that lasts a second.</p>
      ) : (
        <table className="recoveries">
          <thead>
            <tr>
              <th>at</th>
              <th>fault</th>
              <th>recovered in</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={`${r.t}-${i}`}>
                <td>{(r.t / 1000).toFixed(2)} s</td>
                <td>{r.text}</td>
                <td>{r.recoveryMs === null ? 'not yet' : `${r.recoveryMs} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {recoveries.length > shown.length ? <p className="hint">Showing the last {shown.length} of {recoveries.length} faults.</p> : null}
    </details>
  );
}

export function ChecksPanel() {
  const { properties, violations, lin, consistency, protocol } = useChecks(
    useShallow((c) => ({ properties: c.properties, violations: c.violations, lin: c.lin, consistency: c.consistency, protocol: c.protocol })),
  );
  const spec = consistency?.spec ?? (PROTOCOLS[protocol]?.consistency ?? null);
  const result = consistency?.result;
  const linState = !result ? 'unknown' : result.verdict === 'ok' ? 'ok' : result.verdict === 'fail' ? 'bad' : 'unknown';
  const linDetail = !consistency || !result
    ? 'nothing checked yet'
    : result.verdict === 'ok'
      ? result.operations === 0
        ? 'no client operations yet'
        : `${result.operations} operation${result.operations === 1 ? '' : 's'}${result.detail ? ` (${result.detail})` : ''}, as of ${(consistency.at / 1000).toFixed(1)} s`
      : result.verdict === 'fail'
        ? result.reason
        : `unknown: ${result.reason ?? 'budget exceeded'}`;
  return (
    <section className="panel-section checks" aria-label="Safety and liveness checks" data-testid="checks">
      <h3>Checks</h3>
      <ul className="lamps">
        {properties.map((p) => {
          const v = violations.find((x) => x.property === p.name);
          return (
            <Lamp
              key={p.name}
              testId={`lamp-${p.name.replace(/\s+/g, '-').toLowerCase()}`}
              state={v ? 'bad' : 'ok'}
              name={p.name}
              title={`${p.description} (${p.source})`}
              {...(v ? { detail: `${v.text} — at ${v.t.toLocaleString('en')} ms` } : {})}
            />
          );
        })}
        {spec ? (
          <Lamp
            testId={`lamp-${spec.id}`}
            state={linState}
            name={spec.title}
            title={`${spec.description} (${spec.source})`}
            {...(linDetail ? { detail: linDetail } : {})}
          />
        ) : null}
        <LivenessLamp />
      </ul>
      {lin && lin.history.length > 0 ? (
        <button className="link-btn" data-testid="show-history" onClick={() => useChecks.getState().set({ historyOpen: true })}>
          Show the client history
        </button>
      ) : null}
      <ViolationShare />
      <Summary />
    </section>
  );
}
