/** Alerts: dismissable banners under the controls bar (errors and limits: role="alert"). */
import { useStore, type PlaygroundState } from '../store/store';

const selectAlerts = (s: PlaygroundState) => s.alerts;
const selectDismiss = (s: PlaygroundState) => s.dismissAlert;

export function Alerts() {
  const alerts = useStore(selectAlerts);
  const dismiss = useStore(selectDismiss);
  if (!alerts.length) return null;
  return (
    <div className="alerts">
      {alerts.map((a) => (
        <div key={a.id} className={`banner banner-${a.kind}`} role={a.kind === 'info' ? 'status' : 'alert'} data-testid={`alert-${a.kind}`}>
          <span className="banner-icon" aria-hidden="true">
            {a.kind === 'info' ? 'ℹ' : '⚠'}
          </span>
          <span className="banner-text">{a.text}</span>
          <button className="icon-btn" aria-label="Dismiss" data-testid="alert-dismiss" onClick={() => dismiss(a.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
