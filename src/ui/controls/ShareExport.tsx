/** The share and export buttons of the time-travel bar. */
import { useController } from '../controller/context';

/**
 * ShareExport: a link to this moment, and the trace so far. They sit with time travel, the moment
 * they share, which leaves the controls bar room for a protocol with a long name at 1280 px.
 */
export function ShareExport() {
  const controller = useController();
  return (
    <div className="group" role="group" aria-label="Share">
      <button data-testid="share" onClick={() => void controller.share()} title="Pause and put a link to this exact moment in the address bar">
        Share
      </button>
      <button data-testid="export-trace" onClick={() => controller.exportTrace()} title="Export trace: download the run so far (JSON Lines)" aria-label="Export trace">
        ⤓<span className="wide-only"> Export</span>
      </button>
    </div>
  );
}
