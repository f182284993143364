/**
 * ControlsBar: play, pause, step, speed, the virtual clock, the protocol, examples, node count,
 * seed, reset, bugs and chaos — one row on top of the page down to 1280 px wide (below 1380 px the buttons
 * show their icons only; each keeps its name in aria-label and title).
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PROTOCOLS } from '../../core/protocols/registry';
import { useController } from '../controller/context';
import { selectClock, selectPlayback, selectScenarioInfo } from '../store/selectors';
import { useStore } from '../store/store';
import type { Speed } from '../store/types';
import { BugsMenu } from './BugsMenu';
import { ChaosMenu } from './ChaosMenu';
import { ExamplesMenu } from './ExamplesMenu';
import { NODE_COUNTS } from './nodeCounts';
import { SPEEDS, speedLabel } from './speeds';
import { lookOf } from '../protocols/registry';


/** validSeed parses a seed (a whole number that fits in 32 bits), or null. */
function validSeed(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : null;
}

function Clock() {
  const { now, events } = useStore(useShallow(selectClock));
  return (
    <div className="clock" data-testid="clock" data-now={now} data-events={events} title={`${events.toLocaleString('en')} events handled`}>
      <span className="clock-ms">{now.toLocaleString('en')} ms</span>
      <span className="clock-s">{(now / 1000).toFixed(2)} s · {events.toLocaleString('en')} ev</span>
    </div>
  );
}

function Playback() {
  const { playing, speed, phase } = useStore(useShallow(selectPlayback));
  const controller = useController();
  const ready = phase === 'ready';
  return (
    <div className="group" role="group" aria-label="Playback">
      <button className="primary play" data-testid="play" aria-pressed={playing} disabled={!ready || playing} onClick={() => controller.play()} title="Play (space)" aria-label="Play">
        ▶<span className="wide-only"> Play</span>
      </button>
      <button data-testid="pause" aria-pressed={!playing} disabled={!ready || !playing} onClick={() => void controller.pause()} title="Pause (space)" aria-label="Pause">
        ❚❚<span className="wide-only"> Pause</span>
      </button>
      <button data-testid="step" disabled={!ready} onClick={() => void controller.step()} title="Handle exactly one event (→)">
        Step ▸
      </button>
      <label className="speed">
        <span className="sr-only">Speed</span>
        <select
          data-testid="speed"
          aria-label="Speed"
          value={String(speed)}
          onChange={(e) => controller.setSpeed((e.target.value === 'max' ? 'max' : Number(e.target.value)) as Speed)}
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function Setup() {
  const { name, description, protocolTitle, seed, nodeCount } = useStore(useShallow(selectScenarioInfo));
  const protocol = useStore((s) => s.protocol);
  const controller = useController();
  const [seedText, setSeedText] = useState(String(seed));
  useEffect(() => setSeedText(String(seed)), [seed]);
  const applySeed = () => {
    const n = validSeed(seedText);
    if (n === null) {
      useStore.getState().pushAlert('error', `The seed must be a whole number from 0 to 4294967295 (got "${seedText}").`);
      setSeedText(String(seed));
      return;
    }
    if (n !== seed) void controller.reset(nodeCount, n);
  };
  return (
    <div className="group" role="group" aria-label="Scenario">
      <ProtocolSelect title={protocolTitle} />
      <ExamplesMenu name={name} description={description} />
      <label className="inline" title={lookOf(protocol).tolerance(nodeCount) ?? undefined}>
        nodes
        <select data-testid="cluster-size" value={nodeCount} onChange={(e) => void controller.reset(Number(e.target.value), seed)}>
          {NODE_COUNTS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        seed
        <input
          data-testid="seed"
          className="seed-input"
          inputMode="numeric"
          value={seedText}
          onChange={(e) => setSeedText(e.target.value)}
          onBlur={applySeed}
          onKeyDown={(e) => e.key === 'Enter' && applySeed()}
        />
      </label>
      <button data-testid="reset" onClick={() => void controller.reset(nodeCount, validSeed(seedText) ?? seed)} title="Reset: start this scenario again from time 0" aria-label="Reset">
        ↺<span className="wide-only"> Reset</span>
      </button>
      <BugsMenu />
      <ChaosMenu />
    </div>
  );
}

/** ProtocolSelect switches the protocol: it loads that protocol's default cluster. */
function ProtocolSelect({ title }: { title: string }) {
  const controller = useController();
  const protocol = useStore((s) => s.protocol);
  return (
    <label className="protocol-label" title="Protocol: switching loads its default cluster">
      <span className="sr-only">Protocol</span>
      <select data-testid="protocol" aria-label="Protocol" value={protocol} onChange={(e) => void controller.switchProtocol(e.target.value)}>
        {Object.entries(PROTOCOLS).map(([name, entry]) => (
          <option key={name} value={name}>
            {entry.title}
          </option>
        ))}
        {protocol && !(protocol in PROTOCOLS) ? <option value={protocol}>{title}</option> : null}
      </select>
    </label>
  );
}

export function ControlsBar() {
  return (
    <header className="controls-bar">
      <h1 className="app-title" title="Consensus Playground">
        Consensus
        <br />
        Playground
      </h1>
      <Playback />
      <Clock />
      <Setup />
    </header>
  );
}
