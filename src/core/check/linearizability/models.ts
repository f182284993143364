/**
 * Sequential specifications ("models") for the linearizability checker, in Porcupine's shape
 * (github.com/anishathalye/porcupine `Model`): an initial state and a step function that says
 * whether an op with a given input and output is legal in a state, and the state after it.
 * States are immutable values: `step` never changes the state it is given.
 */
import type { KvOp } from '../../types';
import type { KvOutput } from './history';

/** StepResult is the outcome of applying one op to a state: legal with the next state, or illegal. */
export type StepResult<S> = { ok: true; next: S } | { ok: false };

/** ILLEGAL is the shared StepResult for an op the state does not allow. */
export const ILLEGAL: StepResult<never> = Object.freeze({ ok: false });

const legal = <S>(next: S): StepResult<S> => ({ ok: true, next });

/**
 * Model is a sequential specification over states S, inputs I and outputs O:
 * - `init()`: the state before any op;
 * - `step(state, input, output)`: whether the op is legal in `state` and the state after it.
 *   `output` is undefined when unknown (an `info` op): the model must then accept every outcome
 *   the op could have had;
 * - `partitionKey(input)` (optional): ops with different keys touch independent state, so the
 *   checker checks each key's ops on their own (P-compositionality); absent: one partition;
 * - `hash(state)` (32-bit integer) and `equal(a, b)`: required when S is an object; when both are
 *   omitted, states must be primitives (string, number, null, undefined, boolean) and are compared
 *   with SameValueZero;
 * - `describeState` / `describeOperation`: short text for the UI and error messages.
 * Must be pure and deterministic; must not throw on any input of its types.
 */
export interface Model<S, I, O> {
  name: string;
  init(): S;
  step(state: S, input: I, output: O | undefined): StepResult<S>;
  partitionKey?(input: I): string;
  hash?(state: S): number;
  equal?(a: S, b: S): boolean;
  describeState(state: S): string;
  describeOperation(input: I, output: O | undefined): string;
}

// ---------------------------------------------------------------------------------------------
// Register (Porcupine's etcdModel, for Jepsen's etcd logs)

/** RegisterInput is a register op: read, write `value`, or compare-and-set `from` → `to`. */
export type RegisterInput = { f: 'read' } | { f: 'write'; value: number } | { f: 'cas'; from: number; to: number };

/**
 * RegisterOutput is a register op's answer: a read gives `{ok: true, value}` (value null = nil, no
 * value); a write gives `{ok: true}`; a cas gives `{ok: true}` if it swapped, `{ok: false}` if the
 * register did not hold `from`. `{ok: false}` on a read or write means it took no effect.
 */
export interface RegisterOutput {
  ok: boolean;
  value?: number | null;
}

/** RegisterState is the register's value, null for nil (no value yet). */
export type RegisterState = number | null;

/**
 * registerModel is a single register, initially nil (Porcupine's `etcdModel`):
 * - read: legal iff the value read equals the state (null = nil); an unknown output is always legal;
 * - write v: always legal, the state becomes v;
 * - cas from→to: output ok is legal iff state == from (state becomes to); output fail is legal iff
 *   state != from (state unchanged); unknown output is always legal and swaps iff state == from.
 * Not partitioned: one register.
 */
export const registerModel: Model<RegisterState, RegisterInput, RegisterOutput> = {
  name: 'register',
  init: () => null,
  step(state, input, output) {
    switch (input.f) {
      case 'read':
        if (output === undefined || !output.ok || output.value === undefined) return legal(state);
        return output.value === state ? legal(state) : ILLEGAL;
      case 'write':
        return output !== undefined && !output.ok ? legal(state) : legal(input.value);
      case 'cas':
        if (output === undefined) return legal(state === input.from ? input.to : state);
        if (output.ok) return state === input.from ? legal(input.to) : ILLEGAL;
        return state !== input.from ? legal(state) : ILLEGAL;
    }
  },
  describeState: (state) => (state === null ? 'nil' : String(state)),
  describeOperation(input, output) {
    const outcome = output === undefined ? ' → ?' : !output.ok ? ' → fail' : '';
    switch (input.f) {
      case 'read':
        return `read → ${output === undefined || !output.ok || output.value === undefined ? '?' : output.value === null ? 'nil' : output.value}`;
      case 'write':
        return `write ${input.value}${outcome}`;
      case 'cas':
        return `cas ${input.from}→${input.to}${outcome === '' ? ' → ok' : outcome}`;
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Key-value store (src/core/kv.ts applyOp), partitioned by key

/** KvState is one key's value, undefined when the key is absent. */
export type KvState = string | undefined;

/**
 * kvModel is the key-value store of src/core/kv.ts (`applyOp`), one key at a time (partitioned by
 * `op.key`). State: the key's string, or absent (undefined). Ops ending `{ok: false}` other than cas
 * took no effect and are always legal.
 * - get: legal iff the value read equals the state (null = absent); unknown output: always legal;
 * - put v: always legal, state = v;
 * - append v: always legal, state = (state, "" if absent) + v;
 * - cas expected→v: `{ok: true}` legal iff state === expected (absent equals nothing, not even "");
 *   `{ok: false}` legal iff state !== expected, unchanged; unknown: swaps iff state === expected.
 * `options.initial` gives every key an initial value instead of absent: `{initial: ''}` is
 * Porcupine's `kvModel` (state "" at first, a get of a missing key reads "").
 */
export function kvModel(options: { initial?: string } = {}): Model<KvState, KvOp, KvOutput> {
  const initial = options.initial;
  return {
    name: initial === undefined ? 'kv' : `kv (initial ${JSON.stringify(initial)})`,
    init: () => initial,
    step: stepKv,
    partitionKey: (op) => op.key,
    describeState: (state) => (state === undefined ? 'absent' : JSON.stringify(state)),
    describeOperation: describeKvOperation,
  };
}

function stepKv(state: KvState, op: KvOp, output: KvOutput | undefined): StepResult<KvState> {
  if (output !== undefined && !output.ok && op.f !== 'cas') return legal(state);
  switch (op.f) {
    case 'get':
      if (output === undefined || output.value === undefined) return legal(state);
      return output.value === (state ?? null) ? legal(state) : ILLEGAL;
    case 'put':
      return legal(op.value);
    case 'append':
      return legal((state ?? '') + op.value);
    case 'cas':
      if (output === undefined) return legal(state === op.expected ? op.value : state);
      if (output.ok) return state === op.expected ? legal(op.value) : ILLEGAL;
      return state !== op.expected ? legal(state) : ILLEGAL;
  }
}

/** describeKvOperation renders a kv op, e.g. `get "x" → "1"`, `cas "x" "1"→"2" → fail`. */
export function describeKvOperation(op: KvOp, output: KvOutput | undefined): string {
  const q = JSON.stringify;
  const outcome = output === undefined ? ' → ?' : !output.ok ? ' → fail' : '';
  switch (op.f) {
    case 'get':
      if (output === undefined || output.value === undefined || !output.ok) return `get ${q(op.key)}${outcome || ' → ?'}`;
      return `get ${q(op.key)} → ${output.value === null ? 'absent' : q(output.value)}`;
    case 'put':
      return `put ${q(op.key)} ${q(op.value)}${outcome}`;
    case 'append':
      return `append ${q(op.key)} ${q(op.value)}${outcome}`;
    case 'cas':
      return `cas ${q(op.key)} ${q(op.expected)}→${q(op.value)}${outcome || ' → ok'}`;
  }
}

/**
 * kvStoreModel is the same store without partitioning: the state is the whole map (Porcupine's
 * `kvNoPartitionModel`). Much slower to check; it exists to test that per-key checking gives the
 * same verdicts, and it exercises the `hash`/`equal` path for object states.
 */
export function kvStoreModel(options: { initial?: string } = {}): Model<ReadonlyMap<string, string>, KvOp, KvOutput> {
  const initial = options.initial;
  const empty: ReadonlyMap<string, string> = new Map();
  return {
    name: 'kv store (unpartitioned)',
    init: () => empty,
    step(state, op, output) {
      const r = stepKv(state.get(op.key) ?? initial, op, output);
      if (!r.ok || r.next === (state.get(op.key) ?? initial)) return r.ok ? legal(state) : r;
      const next = new Map(state);
      if (r.next === undefined) next.delete(op.key);
      else next.set(op.key, r.next);
      return legal(next);
    },
    hash(state) {
      let h = 0;
      for (const [k, v] of state) h = (h + hashString(hashString(0x811c9dc5, k), v)) | 0; // order-free sum
      return h;
    },
    equal(a, b) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) if (b.get(k) !== v) return false;
      return true;
    },
    describeState: (state) => JSON.stringify(Object.fromEntries([...state].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
    describeOperation: describeKvOperation,
  };
}

/** hashString folds `s` into `h` with FNV-1a (32-bit). */
function hashString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return Math.imul(h ^ 0xff, 0x01000193);
}
