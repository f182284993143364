/**
 * Failure detectors, a part any protocol uses from its step function (issue 14 §1): a fixed
 * timeout and the φ accrual detector, their shared trace records, and the measures read from them.
 * See detector.ts for the API and how to embed it in a node's state.
 */
export * from './detector';
export * from './phi';
export * from './records';
export * from './downtime';
export * from './measures';
export * from './schema';
