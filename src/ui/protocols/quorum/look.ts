/**
 * The quorum protocol's look (Gifford 1979; the original design's agent voting): replicas, the node
 * coordinating an op or tallying an open proposal in the leader's colour, Byzantine voters red; one
 * glyph per message, votes coloured by their choice; each node's votes and highest version on the
 * canvas; the quorum panel and a request form for proposals, puts and gets.
 */
import type { UiPlugin } from '../types';
import { classifyQuorum, QUORUM_DRAW_ORDER, QUORUM_KINDS } from './kinds';
import { QuorumPanel } from './QuorumPanel';
import { QuorumRequestForm } from './QuorumRequestForm';

const kind = (k: string) => QUORUM_KINDS.find((x) => x.kind === k)!.label;

export const quorumLook: UiPlugin = {
  roles: [
    { role: 'replica', label: 'replica', tone: 'follower', description: 'Holds a copy of each key with its version, and votes on proposals with its configured votes' },
    { role: 'coordinator', label: 'coordinator', tone: 'leader', description: 'Gathers a read or write quorum for a client, or tallies a proposal still undecided' },
    { role: 'byzantine', label: 'Byzantine voter', short: 'Byzantine', tone: 'byzantine', description: 'Lies in its votes: an invented value, a second vote, different votes to different tallies, or a claimed weight' },
  ],
  defaultRole: 'replica',
  leaderWord: 'any node',
  messageKinds: QUORUM_KINDS,
  classify: classifyQuorum,
  drawOrder: QUORUM_DRAW_ORDER,
  legend: [
    { kinds: ['read', 'version'], text: 'read version / version', title: `${kind('read')}\n${kind('version')}` },
    { kinds: ['write', 'ack'], text: 'write version / ack', title: `${kind('write')}\n${kind('ack')}` },
    { kinds: ['propose'], text: 'propose', title: kind('propose') },
    { kinds: ['vote-approve', 'vote-reject', 'vote-abstain'], text: 'vote approve / reject / abstain', title: `${kind('vote-approve')}\n${kind('vote-reject')}\n${kind('vote-abstain')}` },
    { kinds: ['tally'], text: 'tally', title: kind('tally') },
  ],
  nodeLine: (s) => [
    { label: 'votes', value: Number(s.fields?.votes ?? 0) },
    { label: 'version', value: Number(s.fields?.version ?? 0) },
  ],
  epoch: null,
  persists: 'its copies and versions, its tallies and the liars it flagged',
  tolerance: (n) => `${n} replicas: reads and writes need r and w votes, decisions the threshold; a side without them waits`,
  panel: QuorumPanel,
  requestForm: QuorumRequestForm,
  routineWords: 'acks & tallies',
};
