/**
 * Linearizability checking of client histories: Wing & Gong's search with Lowe's memoization, per
 * key (WGL, as Porcupine does). See check.ts for the entry point.
 */
export { checkLinearizability, type CheckOptions, type CheckResult, type KeyResult, type Verdict } from './check';
export { historyFromTrace, partitionHistory, type History, type KvHistory, type KvOutput, type Operation } from './history';
export {
  ILLEGAL,
  describeKvOperation,
  kvModel,
  kvStoreModel,
  registerModel,
  type KvState,
  type Model,
  type RegisterInput,
  type RegisterOutput,
  type RegisterState,
  type StepResult,
} from './models';
export { parseJepsenEtcdLog, parsePorcupineKvLog } from './formats';
export { WglSearch, type PartialLinearization, type SearchLimits, type SearchStatus } from './search';
