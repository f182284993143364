/**
 * One bully node stepped by hand: heartbeats feed the detector and suspicion of the coordinator
 * starts an election; health and load change by node action and client op; bad input is refused
 * in words.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../prng';
import { stepWith, type HarnessNode } from '../../testing/step-harness';
import type { Input } from '../../protocol';
import { bullyConfig, type BullyConfig } from './config';
import type { BullyMessage } from './messages';
import { initState, type BullyState } from './state';
import { TIMERS } from './step';
import { bully } from '.';

const NODES = ['n1', 'n2', 'n3'];

function node(id: string, config: Partial<BullyConfig> = {}): HarnessNode<BullyState> {
  return { id, state: initState(id, NODES, bullyConfig(config)), rng: Rng.derive(1, `node:${id}`), now: 0, timers: new Map() };
}
const step = (n: HarnessNode<BullyState>, input: Input<BullyMessage>, at?: number) => {
  if (at !== undefined) n.now = at;
  return stepWith(bully, n, input);
};

describe('bully step', () => {
  it('on start a node watches every other node, sends heartbeats and starts an election', () => {
    const n = node('n2');
    const fx = step(n, { kind: 'start' });
    expect(fx.records.filter((r) => r.kind === 'watch').map((r) => r.fields.peer)).toEqual(['n1', 'n3']);
    expect(fx.sends.filter((s) => s.msg.type === 'Heartbeat').map((s) => s.to)).toEqual(['n1', 'n3']);
    expect(fx.sends.filter((s) => s.msg.type === 'Election').map((s) => s.to)).toEqual(['n3']);
    expect(n.timers.get(TIMERS.detector)).toBe(1000);
  });

  it('suspecting the coordinator when the detector timer fires starts an election, with the round in the suspect record', () => {
    const n = node('n2');
    step(n, { kind: 'start' });
    step(n, { kind: 'message', from: 'n3', msg: { type: 'Coordinator', score: 0, round: 1 } }, 10);
    expect(n.state.election.coordinator).toBe('n3');
    const fx = step(n, { kind: 'timer', name: TIMERS.detector }, 1010);
    expect(fx.records.filter((r) => r.kind === 'suspect').map((r) => r.fields)).toContainEqual({ peer: 'n3', level: 1000, detector: 'fixed', threshold: 1000, round: 1 });
    expect(fx.records.find((r) => r.kind === 'election')?.fields.reason).toBe('suspects coordinator n3');
  });

  it('any message from a suspected peer is a sign of life: the node trusts it again', () => {
    const n = node('n2');
    step(n, { kind: 'start' });
    step(n, { kind: 'timer', name: TIMERS.detector }, 1200);
    expect(n.state.fd.suspected).toEqual(['n1', 'n3']);
    const fx = step(n, { kind: 'message', from: 'n3', msg: { type: 'Answer', score: 0 } }, 1300);
    expect(fx.records.filter((r) => r.kind === 'unsuspect').map((r) => r.fields.peer)).toEqual(['n3']);
    expect(n.state.fd.suspected).toEqual(['n1']);
  });

  it('in score mode, a node whose load falls until it outranks its coordinator takes over', () => {
    const n = node('n1', { rank: 'score', load: { n1: 100 } });
    step(n, { kind: 'start' });
    step(n, { kind: 'message', from: 'n3', msg: { type: 'Coordinator', score: 100, round: 1 } }, 10);
    expect(n.state.election.coordinator).toBe('n3');
    const fx = step(n, { kind: 'action', name: 'set-load', args: { value: 0 } }, 20);
    expect(fx.records.find((r) => r.kind === 'score')?.fields).toEqual({ load: 0, score: 100 });
    // Tied at 100, n3 still outranks n1 by id; a little more health tips it.
    expect(n.state.election.phase).toBe('idle');
    const more = step(n, { kind: 'action', name: 'set-health', args: { value: 120 } }, 30);
    expect(more.records.find((r) => r.kind === 'election')?.fields.reason).toBe('outranks coordinator n3');
  });

  it('menu actions without a value toggle load 0 ↔ 100 and health 100 ↔ 20; a bad value is refused in words', () => {
    const n = node('n1', { rank: 'score' });
    step(n, { kind: 'action', name: 'set-load' });
    step(n, { kind: 'action', name: 'set-health' });
    expect([n.state.load, n.state.health]).toEqual([100, 20]);
    step(n, { kind: 'action', name: 'set-load' });
    expect(n.state.load).toBe(0);
    const fx = step(n, { kind: 'action', name: 'set-load', args: { value: -5 } });
    expect(fx.notes).toEqual(['n1 ignores set-load: value must be a number from 0 to 1000 (got -5)']);
    expect(n.state.load).toBe(0);
  });

  it('client ops set load and health and ask whom the node follows', () => {
    const n = node('n1', { rank: 'score' });
    const load = step(n, { kind: 'request', client: 'c1', requestId: 1, op: { f: 'load', value: 40 } });
    expect(load.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true, value: '60' } });
    const who = step(n, { kind: 'request', client: 'c1', requestId: 2, op: { f: 'who' } });
    expect(who.replies[0]!.reply).toEqual({ kind: 'result', result: { ok: true, value: 'none' } });
  });

  it('refuses a bad config in the user’s words', () => {
    expect(() => bullyConfig({ rank: 'age' as never })).toThrow(/rank must be one of id, score \(got "age"\)/);
    expect(() => bullyConfig({ detector: 'gut' as never })).toThrow(/detector must be one of fixed, phi/);
    expect(() => bullyConfig({ heartbeatMs: 0 })).toThrow(/heartbeatMs must be a whole number of virtual ms from 10 to 60000 \(got 0\)/);
  });
});
