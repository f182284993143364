/**
 * A Paxos example survives a share link (encodeShare → decodeShare) with its config (mode, Flexible
 * quorums, bugs) intact, and the decoded scenario replays to the same two chosen values.
 */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../scenario/share';
import { parseScenario } from '../../scenario/schema';
import { PAXOS_EXAMPLES } from './examples';
import { chosenBySlot, runRaw } from './testkit';

describe('Paxos share links', () => {
  it('paxos-flexible-unsafe round-trips and replays to the same split decree', () => {
    const scenario = parseScenario(PAXOS_EXAMPLES['paxos-flexible-unsafe']!);
    const shared = decodeShare(encodeShare(scenario, { t: 320, events: 18 }));
    expect(shared.scenario).toEqual(scenario);
    expect(shared.scenario.config).toMatchObject({ mode: 'single', q1: 1, q2: 2 });
    const again = runRaw(shared.scenario as unknown as Record<string, unknown>);
    expect(chosenBySlot(again)).toEqual(chosenBySlot(runRaw(PAXOS_EXAMPLES['paxos-flexible-unsafe']!)));
    expect(chosenBySlot(again)[1]).toHaveLength(2);
  });
});
