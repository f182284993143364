// Types for playground.mjs, so TypeScript specs (type-checked by `npm run typecheck`) can use it.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { NodeDetail } from '../../src/core/protocol';
import type { Moment } from '../../src/core/scenario/share';
import type { Scenario, TimelineAction } from '../../src/core/scenario/types';
import type { NodeId, NodeSummary } from '../../src/core/types';
import type { UserAction } from '../../src/ui/controller/scenarios';

export declare const NODES: string;
export declare function launchBrowser(): Promise<Browser>;
export declare function appUrl(path?: string): string;

export interface NodeState {
  role: string;
  term: number;
  commitIndex: number;
}

export declare class Playground {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly errors: string[];
  static open(
    browser: Browser,
    path?: string,
    options?: { viewport?: { width: number; height: number }; timeout?: number; ready?: boolean },
  ): Promise<Playground>;
  close(): Promise<void>;
  assertNoErrors(): void;

  waitReady(): Promise<void>;
  bridge(name: string, ...args: unknown[]): Promise<unknown>;
  now(): Promise<number>;
  events(): Promise<number>;
  playing(): Promise<boolean>;
  summaries(): Promise<Record<NodeId, NodeSummary>>;
  details(): Promise<Record<NodeId, NodeDetail>>;
  groups(): Promise<NodeId[][]>;
  scenario(): Promise<Scenario | null>;
  traceJsonl(): Promise<string>;
  act(action: UserAction): Promise<TimelineAction | null>;
  pause(): Promise<void>;
  load(scenario: unknown, moment?: Moment | null): Promise<void>;
  runUntil(t: number): Promise<void>;
  runFor(ms: number): Promise<void>;
  logs(): Promise<Record<NodeId, NodeDetail['log']>>;

  node(id: NodeId): Locator;
  nodes(): Locator;
  region(name: string): Locator;
  testId(id: string): Locator;
  alerts(): Locator;
  syncDom(): Promise<void>;
  nodeStates(): Promise<Record<NodeId, NodeState>>;
  leaderId(): Promise<NodeId | null>;
  waitForLeader(timeout?: number): Promise<NodeId | null>;
  dragNodeTo(id: NodeId, target: Locator): Promise<void>;
  selectNode(id: NodeId): Promise<void>;
  sendRequest(request: { f?: 'get' | 'put' | 'append' | 'cas'; key: string; value?: string; expected?: string }): Promise<void>;
  heal(): Promise<void>;
  share(): Promise<string>;
  exportTrace(): Promise<{ filename: string; text: string }>;
}
