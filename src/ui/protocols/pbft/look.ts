/**
 * PBFT's look (Castro & Liskov 1999): backup, view change and primary; one glyph per message type;
 * the view-change timer drawn round each replica; view and commit on the canvas; its own panel of
 * views, slots, checkpoints and suspicion; the key-value request form.
 */
import { KvRequestForm } from '../kv/KvRequestForm';
import type { LegendEntry, UiPlugin } from '../types';
import { classifyPbft, PBFT_DRAW_ORDER, PBFT_KINDS } from './kinds';
import { PbftPanel } from './PbftPanel';

const label = (kind: string): string => PBFT_KINDS.find((k) => k.kind === kind)!.label;
const single = (kind: string): LegendEntry => ({ kinds: [kind], text: PBFT_KINDS.find((k) => k.kind === kind)!.short, title: label(kind) });
const pair = (a: string, b: string, text: string): LegendEntry => ({ kinds: [a, b], text, title: `${label(a)}\n${label(b)}` });

export const pbftLook: UiPlugin = {
  roles: [
    { role: 'backup', label: 'backup', tone: 'follower', description: 'Checks and agrees with the primary’s order (§4.2)' },
    { role: 'view-change', label: 'view change', tone: 'candidate', description: 'Suspects the primary and asks for the next view (§4.4)' },
    { role: 'primary', label: 'primary', tone: 'leader', description: 'Orders the requests of its view (§4.2)' },
  ],
  defaultRole: 'backup',
  leaderWord: 'the primary',
  messageKinds: PBFT_KINDS,
  classify: classifyPbft,
  drawOrder: PBFT_DRAW_ORDER,
  legend: [
    single('pre-prepare'),
    single('prepare'),
    single('commit'),
    pair('request', 'reply', 'request / reply'),
    single('checkpoint'),
    pair('view-change', 'new-view', 'view-change / new-view'),
    single('transfer'),
  ],
  timers: [{ name: 'view-change', label: 'view-change timer' }],
  nodeLine: (s) => [
    { label: 'view', value: s.term },
    { label: 'commit', value: s.commitIndex },
  ],
  showVotedFor: false,
  showVotes: false,
  timeout: { label: 'Force view change', title: 'Make the node’s timer expire now: it suspects the primary and asks for the next view (PBFT §4.4)' },
  persists: 'view, log, checkpoints',
  // f = ⌊(n−1)/3⌋ Byzantine replicas (Castro & Liskov 1999, §3).
  tolerance: (n) => {
    const f = Math.floor((n - 1) / 3);
    return `${n} replicas tolerate f = ${f} Byzantine replica${f === 1 ? '' : 's'} (n ≥ 3f + 1)`;
  },
  panel: PbftPanel,
  requestForm: KvRequestForm,
};
