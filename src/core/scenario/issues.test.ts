/**
 * Scenario errors a person can read: one case per class of problem the scenario schema can find,
 * each asserting the exact sentence (after `invalid scenario: `).
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { parseAction, parseScenario, ScenarioError } from './schema';
import { MAX_LISTED_ISSUES, PARSE_CONFIG, wordIssues } from './issues';
import { protocolNames } from '../protocols/registry';

const raft = { version: 1, protocol: 'raft', nodes: 3 };
const pbft = { version: 1, protocol: 'pbft', nodes: 4 };
/** A Raft scenario of 3 nodes whose timeline holds `actions`. */
const tl = (...actions: unknown[]) => ({ ...raft, timeline: actions });

function errorOf(input: unknown): ScenarioError {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be refused`);
}

const ACTIONS = 'crash, restart, isolate, partition, heal, link, timeout, input, skew, pause, request, manual, deliver, drop, duplicate, fire, byzantine';
const TOP = 'version, protocol, seed, nodes, until, config, network, clients, timeline, name, description';
const BUGS = 'commit-old-terms, forget-voted-for, vote-without-log-check, apply-before-quorum, skip-consistency-check, ack-before-sync, concurrent-changes, skip-own-term-commit';
const BEHAVIOURS = 'silent, equivocate, wrong-digest, wrong-result, replay, forge, slow';

/** [class of problem, scenario, the exact sentence]. */
const CASES: [string, unknown, string][] = [
  // Not an object at all.
  ['not an object', [1, 2], 'a scenario must be a JSON object such as {"version": 1, "protocol": "raft"} (got [1,2])'],
  ['null', null, 'a scenario must be a JSON object such as {"version": 1, "protocol": "raft"} (got null)'],
  // Unknown fields, at every level.
  ['unknown top-level field', { ...raft, untill: 5 }, `unknown field "untill" (known: ${TOP})`],
  ['unknown network field', { ...raft, network: { lossy: 0.1 } }, 'network: unknown field "lossy" (known: latencyMs, loss, duplicate)'],
  ['unknown clients field', { ...raft, clients: { retry: 1 } }, 'clients: unknown field "retry" (known: timeoutMs)'],
  ['unknown action field', tl({ at: 5, action: 'heal', node: 'n1' }), 'timeline[0] (at 5 ms): a heal takes no node (its fields: at, action)'],
  ['unknown op field', tl({ at: 5200, action: 'request', op: { f: 'get', key: 'x', value: 1 } }), 'timeline[0] (at 5200 ms): a get takes no value (its fields: f, key)'],
  ['unknown Raft config field', { ...raft, config: { heartbeat: 5 } }, 'config: unknown field "heartbeat" for raft (known: electionTimeoutMs, heartbeatMs, maxEntriesPerAppend, maxLogEntries, syncLatencyMs, reads, clockDriftBound, bugs, preVote, checkQuorum, snapshotThreshold, snapshotChunkBytes, members, membershipChange, catchUpRounds)'],
  ['unknown PBFT config field', { ...pbft, config: { heartbeatMs: 5 } }, 'config: unknown field "heartbeatMs" for pbft (known: requestTimeoutMs, viewChangeTimeoutMs, checkpointInterval, logWindow, slowPrimaryMs, byzantine)'],
  // Missing required fields.
  ['missing version', { protocol: 'raft' }, 'a scenario needs a version'],
  ['missing protocol', { version: 1 }, 'a scenario needs a protocol'],
  ['missing action field', tl({ at: 300, action: 'crash' }), 'timeline[0] (at 300 ms): a crash needs a node'],
  ['missing plural field', tl({ at: 300, action: 'partition' }), 'timeline[0] (at 300 ms): a partition needs groups'],
  ['missing op field', tl({ at: 300, action: 'request', op: { f: 'put', key: 'x' } }), 'timeline[0] (at 300 ms): a put needs a value'],
  ['missing action name', tl({ at: 300, node: 'n1' }), `timeline[0] (at 300 ms): action is missing (known: ${ACTIONS})`],
  ['missing op f', tl({ at: 300, action: 'request', op: { key: 'x' } }), 'timeline[0] (at 300 ms): op.f is missing (known: get, put, append, cas)'],
  // Unknown names: action, op, node, protocol, bug, behaviour.
  ['unknown action', tl({ at: 1, action: 'explode' }), `timeline[0] (at 1 ms): unknown action "explode" (known: ${ACTIONS})`],
  ['unknown op', tl({ at: 1, action: 'request', op: { f: 'inc', key: 'x' } }), 'timeline[0] (at 1 ms): unknown operation "inc" in op.f (known: get, put, append, cas)'],
  ['unknown node', tl({ at: 5, action: 'crash', node: 'n42' }), 'timeline[0] (at 5 ms): node names an unknown node "n42" (known: n1, n2, n3, or "leader")'],
  ['unknown node in a link', tl({ at: 5, action: 'link', from: 'n1', to: 'x' }), 'timeline[0] (at 5 ms): to names an unknown node "x" (known: n1, n2, n3)'],
  ['unknown node in a partition group', tl({ at: 5, action: 'partition', groups: [['n1'], ['n7']] }), 'timeline[0] (at 5 ms): groups[1][0] names an unknown node "n7" (known: n1, n2, n3)'],
  ['unknown protocol', { ...raft, protocol: 'no-such-protocol' }, `unknown protocol "no-such-protocol" (known: ${protocolNames().join(', ')})`],
  ['unknown bug', { ...raft, config: { bugs: ['nope'] } }, `config.bugs[0] names an unknown bug "nope" (known: ${BUGS})`],
  // Wrong types.
  ['string for a number', { ...raft, seed: '7' }, 'seed must be a whole number from 0 to 4294967295 (got "7")'],
  ['string for virtual ms', tl({ at: '5s', action: 'heal' }), 'timeline[0]: at must be a whole, non-negative number of virtual ms (got "5s")'],
  ['number for a boolean', tl({ at: 5, action: 'manual', enabled: 1 }), 'timeline[0] (at 5 ms): enabled must be true or false (got 1)'],
  ['object for a value', tl({ at: 5, action: 'request', op: { f: 'put', key: 'x', value: {} } }), 'timeline[0] (at 5 ms): op.value must be a string or a number (got {})'],
  ['not an object section', { ...raft, network: 5 }, 'network must be an object (got 5)'],
  ['not an object config', { ...raft, config: 5 }, 'config must be an object (got 5)'],
  ['not an object action', tl(5), 'timeline[0]: an action must be an object such as {"at": 100, "action": "heal"} (got 5)'],
  ['not an object op', tl({ at: 5, action: 'request', op: 'get x' }), 'timeline[0] (at 5 ms): op must be an object such as {"f": "get", "key": "x"} (got "get x")'],
  ['not a list timeline', { ...raft, timeline: 5 }, 'timeline must be a list of actions (got 5)'],
  ['not a string name', { ...raft, name: 5 }, 'name must be a string (got 5)'],
  ['nodes neither count nor list', { ...raft, nodes: 'five' }, 'nodes must be a count from 1 to 100 or a list of node ids (got "five")'],
  ['Raft config wrong type', { ...raft, config: { heartbeatMs: 'fast' } }, 'config.heartbeatMs must be a whole number of virtual ms (got "fast")'],
  ['PBFT config wrong type', { ...pbft, config: { checkpointInterval: 'x' } }, 'config.checkpointInterval must be a whole number of sequence numbers from 1 to 1000 (got "x")'],
  ['bugs not a list', { ...raft, config: { bugs: 'nope' } }, 'config.bugs must be a list of bug names (got "nope")'],
  ['byzantine not a map', { ...pbft, config: { byzantine: ['n1'] } }, 'config.byzantine must map node ids to behaviours, e.g. {"n1": "silent"} (got ["n1"])'],
  // Out of range, not whole.
  ['negative time', tl({ at: -5, action: 'heal' }), 'timeline[0]: at must be a whole, non-negative number of virtual ms (got -5)'],
  ['not a whole number', { ...raft, nodes: 2.5 }, 'nodes must be a whole number from 1 to 100 (got 2.5)'],
  ['too many nodes', { ...raft, nodes: 140 }, 'nodes must be a whole number from 1 to 100 (got 140)'],
  ['probability above 1', { ...raft, network: { loss: 1.5 } }, 'network.loss must be a number from 0 to 1 (got 1.5)'],
  ['probability in an action', tl({ at: 5, action: 'link', from: 'n1', to: 'n2', duplicate: -0.1 }), 'timeline[0] (at 5 ms): duplicate must be a number from 0 to 1 (got -0.1)'],
  ['skew rate', tl({ at: 5, action: 'skew', node: 'n1', rate: 9 }), 'timeline[0] (at 5 ms): rate must be a number from 0.25 to 4 (got 9)'],
  ['message id', tl({ at: 5, action: 'deliver', id: 0 }), 'timeline[0] (at 5 ms): id must be a message id: a whole number from 1 (got 0)'],
  ['until too long', { ...raft, until: 1e9 }, 'until must be at most 86400000 virtual ms, 24 virtual hours (got 1000000000)'],
  ['client timeout', { ...raft, clients: { timeoutMs: 0 } }, 'clients.timeoutMs must be at least 1 virtual ms (got 0)'],
  ['latency above its limit', { ...raft, network: { latencyMs: [1, 700_000] } }, 'network.latencyMs[1] must be at most 600000 virtual ms (got 700000)'],
  ['Raft config out of range', { ...raft, config: { maxLogEntries: 0.5 } }, 'config.maxLogEntries must be a whole number from 1 to 1000000 (got 0.5)'],
  ['PBFT config out of range', { ...pbft, config: { slowPrimaryMs: -3 } }, 'config.slowPrimaryMs must be a whole number of virtual ms from 1 to 600000 (got -3)'],
  // Patterns.
  ['bad node id', { ...raft, nodes: ['a', '1b'] }, 'nodes[1] must be a node id: a letter, then up to 15 letters, digits, _ or - (got "1b")'],
  ['reserved node id', { ...raft, nodes: ['a', 'leader'] }, 'nodes[1] must not be "leader": that name means the leader of the moment'],
  ['bad client id', tl({ at: 5, action: 'request', client: 'c 1', op: { f: 'get', key: 'x' } }), 'timeline[0] (at 5 ms): client must be a short id such as "c1" (got "c 1")'],
  ['bad timer name', tl({ at: 5, action: 'fire', node: 'n1', timer: '' }), 'timeline[0] (at 5 ms): timer must be a timer name such as "election" (got "")'],
  ['bad behaviour name', { ...pbft, timeline: [{ at: 5, action: 'byzantine', node: 'n1', behaviour: 'Lie!' }] }, 'timeline[0] (at 5 ms): behaviour must be a behaviour name such as "equivocate", or "honest" (got "Lie!")'],
  // Tuple shape.
  ['latency of one number', tl({ at: 5, action: 'link', from: 'n1', to: 'n2', latencyMs: [10] }), 'timeline[0] (at 5 ms): latencyMs must be [min, max] in virtual ms (got [10])'],
  ['latency of three numbers', { ...raft, network: { latencyMs: [1, 2, 3] } }, 'network.latencyMs must be [min, max] in virtual ms (got [1,2,3])'],
  ['latency not a list', { ...raft, network: { latencyMs: 5 } }, 'network.latencyMs must be [min, max] in virtual ms (got 5)'],
  ['election timeout shape', { ...raft, config: { electionTimeoutMs: 150 } }, 'config.electionTimeoutMs must be [min, max] in virtual ms (got 150)'],
  // Custom checks.
  ['min above max', tl({ at: 5, action: 'link', from: 'n1', to: 'n2', latencyMs: [30, 10] }), 'timeline[0] (at 5 ms): latencyMs must be [min, max] with min ≤ max (got [30,10])'],
  ['election timeout min above max', { ...raft, config: { electionTimeoutMs: [300, 150] } }, 'config.electionTimeoutMs must be [min, max] with min ≤ max (got [300,150])'],
  ['heartbeat against election timeout', { ...raft, config: { heartbeatMs: 500 } }, 'config.heartbeatMs (500) must be less than the minimum election timeout, config.electionTimeoutMs[0] (150), or followers time out between heartbeats (§5.6)'],
  ['log window against checkpoint interval', { ...pbft, config: { logWindow: 2 } }, 'config.logWindow (2) must be at least config.checkpointInterval (4), or the window closes before the next checkpoint can become stable (§4.3)'],
  ['node ids unique', { ...raft, nodes: ['a', 'b', 'a'] }, 'nodes must not list a node twice ("a" is listed twice)'],
  ['bug named twice', { ...raft, config: { bugs: ['forget-voted-for', 'forget-voted-for'] } }, 'config.bugs must not name a bug twice (got ["forget-voted-for","forget-voted-for"])'],
  ['a link to itself', tl({ at: 5, action: 'link', from: 'n1', to: 'n1' }), 'timeline[0] (at 5 ms): a link joins two different nodes (from and to are both "n1")'],
  ['partition groups overlap', tl({ at: 5, action: 'partition', groups: [['n1'], ['n1', 'n2']] }), 'timeline[0] (at 5 ms): a node may be in only one partition group ("n1" is in two)'],
  ['empty partition group', tl({ at: 5, action: 'partition', groups: [[], ['n2']] }), 'timeline[0] (at 5 ms): groups[0] must not be empty: a partition group holds at least one node'],
  ['no partition groups', tl({ at: 5, action: 'partition', groups: [] }), 'timeline[0] (at 5 ms): groups must hold at least one group'],
  // Lengths.
  ['no nodes', { ...raft, nodes: [] }, 'nodes must list 1 to 100 node ids (it lists 0)'],
  ['too many actions', { ...raft, timeline: Array.from({ length: 10_001 }, () => ({ at: 1, action: 'heal' })) }, 'timeline may hold at most 10000 actions (it has 10001)'],
  ['empty key', tl({ at: 5, action: 'request', op: { f: 'get', key: '' } }), 'timeline[0] (at 5 ms): op.key must not be empty'],
  ['long name', { ...raft, name: 'x'.repeat(121) }, 'name may hold at most 120 characters (it has 121)'],
  // Version.
  ['version too new', { ...raft, version: 2 }, 'version 2 is newer than this playground understands (it reads version 1): open it in a newer build'],
  ['version not 1', { ...raft, version: 0 }, 'version must be 1 (got 0)'],
  // Byzantine behaviours, checked against the protocol.
  ['behaviour the protocol lacks', { ...pbft, timeline: [{ at: 7, action: 'byzantine', node: 'n1', behaviour: 'lie' }] }, `timeline[0] (at 7 ms): unknown Byzantine behaviour "lie" for pbft (known: honest, ${BEHAVIOURS})`],
  ['behaviour for a crash-fault protocol', tl({ at: 7, action: 'byzantine', node: 'n1', behaviour: 'silent' }), 'timeline[0] (at 7 ms): raft assumes crash faults only: it has no Byzantine behaviours to switch on'],
  ['unknown behaviour in config', { ...pbft, config: { byzantine: { n1: 'lie' } } }, `config.byzantine.n1 names an unknown Byzantine behaviour "lie" (known: ${BEHAVIOURS})`],
];

describe('scenario errors a person can read', () => {
  it.each(CASES)('%s', (_, input, sentence) => {
    const e = errorOf(input);
    expect(e.message).toBe(`invalid scenario: ${sentence}`);
    expect(e.issues.map((i) => i.message)).toEqual([sentence]);
  });

  it('names the action by its index in the file, not its place after sorting by at', () => {
    const e = errorOf(tl({ at: 900, action: 'heal' }, { at: 100, action: 'crash', node: 'n9' }));
    expect(e.message).toBe('invalid scenario: timeline[1] (at 100 ms): node names an unknown node "n9" (known: n1, n2, n3, or "leader")');
  });

  it('keeps a dotted path per issue for programs', () => {
    const e = errorOf(tl({ at: 5, action: 'link', from: 'n1', to: 'x', loss: 2 }));
    expect(e.issues).toEqual([
      { path: 'timeline.0.to', message: 'timeline[0] (at 5 ms): to names an unknown node "x" (known: n1, n2, n3)' },
      { path: 'timeline.0.loss', message: 'timeline[0] (at 5 ms): loss must be a number from 0 to 1 (got 2)' },
    ]);
    expect(e.message).toBe(`invalid scenario: ${e.issues.map((i) => i.message).join('; ')}`);
    expect(errorOf({ ...raft, config: { heartbeat: 1 } }).issues[0]!.path).toBe('config.heartbeat');
  });

  it(`lists at most ${MAX_LISTED_ISSUES} issues and counts the rest`, () => {
    const e = errorOf(tl(...Array.from({ length: 13 }, (_, i) => ({ at: i, action: 'crash', node: 'zz' }))));
    expect(e.issues).toHaveLength(13);
    const parts = e.message.split('; ');
    expect(parts).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(parts[9]).toBe('timeline[9] (at 9 ms): node names an unknown node "zz" (known: n1, n2, n3, or "leader")');
    expect(parts[10]).toBe('and 3 more problems');
  });

  it('says a value that breaks several checks with one message once', () => {
    expect(errorOf({ ...raft, config: { maxEntriesPerAppend: -0.5 } }).issues).toHaveLength(1);
  });

  it('shortens a long value it quotes', () => {
    expect(errorOf({ ...raft, protocol: 'p'.repeat(100) }).message).toBe(`invalid scenario: unknown protocol "${'p'.repeat(38)}… (known: ${protocolNames().join(', ')})`);
  });
});

describe('one action on its own (a click in the UI)', () => {
  const ids = ['n1', 'n2', 'n3'];
  const actionError = (a: unknown, protocol = 'raft') => {
    try {
      parseAction(a, ids, protocol);
    } catch (e) {
      if (e instanceof ScenarioError) return e;
      throw e;
    }
    throw new Error('expected the action to be refused');
  };

  it('words its issues relative to the action, with paths from the action', () => {
    expect(actionError({ at: 1, action: 'crash', node: 'n9' }).message).toBe('invalid action: node names an unknown node "n9" (known: n1, n2, n3, or "leader")');
    expect(actionError({ at: 1, action: 'crash' }).message).toBe('invalid action: a crash needs a node');
    const e = actionError({ at: 1, action: 'request', op: { f: 'get', key: 'k', value: 1 } });
    expect(e.issues).toEqual([{ path: 'op.value', message: 'a get takes no value (its fields: f, key)' }]);
    expect(actionError({ at: 1, action: 'byzantine', node: 'n1', behaviour: 'silent' }).message).toBe(
      'invalid action: raft assumes crash faults only: it has no Byzantine behaviours to switch on',
    );
  });
});

describe('wordIssues for a schema that words nothing itself', () => {
  const schema = v.strictObject({
    n: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9))),
    s: v.optional(v.pipe(v.string(), v.minLength(2), v.maxLength(3))),
    b: v.optional(v.boolean()),
    list: v.optional(v.array(v.picklist(['a', 'b']))),
    must: v.string(),
  });
  const words = (input: unknown) => {
    const r = v.safeParse(schema, input, PARSE_CONFIG);
    return r.success ? [] : wordIssues(r.issues, { base: ['config'] }).map((i) => i.message);
  };

  it('words each kind of issue from its kind, naming the field', () => {
    expect(words({ must: 'x', n: 'x' })).toEqual(['config.n must be a number (got "x")']);
    expect(words({ must: 'x', n: 1.5 })).toEqual(['config.n must be a whole number (got 1.5)']);
    expect(words({ must: 'x', n: 0 })).toEqual(['config.n must be at least 1 (got 0)']);
    expect(words({ must: 'x', n: 10 })).toEqual(['config.n must be at most 9 (got 10)']);
    expect(words({ must: 'x', s: 'x' })).toEqual(['config.s must hold at least 2 characters (it has 1)']);
    expect(words({ must: 'x', s: 'xxxx' })).toEqual(['config.s may hold at most 3 characters (it has 4)']);
    expect(words({ must: 'x', b: 'yes' })).toEqual(['config.b must be true or false (got "yes")']);
    expect(words({ must: 'x', list: ['c'] })).toEqual(['config.list[0] must be one of "a", "b" (got "c")']);
    expect(words({ must: 'x', list: 'a' })).toEqual(['config.list must be a list (got "a")']);
    expect(words({})).toEqual(['config.must is required']);
    expect(words({ must: 'x', extra: 1 })).toEqual(['config: unknown field "extra"']);
    expect(words(5)).toEqual(['config must be an object (got 5)']);
  });
});
