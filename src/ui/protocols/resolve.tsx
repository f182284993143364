/**
 * resolveLook combines a protocol's UI plugin with its core protocol into the {@link ProtocolLook}
 * generic UI code reads, filling every default the plugin leaves out (see types.ts).
 */
import { hasLogOf, leaderRoleOf, type AnyProtocol } from '../../core/protocol';
import type { NodeSummary } from '../../core/types';
import type { MessageKindLook, NodeLineItem, ProtocolLook, RoleLook, UiPlugin } from './types';

/** CRASHED is the role the simulator gives a node that is down, in every look. */
export const CRASHED: RoleLook = { role: 'crashed', label: 'crashed', tone: 'crashed', description: 'Stopped; keeps only its persistent state' };

/** OTHER is the kind of a message no kind of the look matches. */
export const OTHER: MessageKindLook = {
  kind: 'other',
  label: 'Another message',
  short: 'other',
  color: '#64748b',
  glyph: () => <circle r={6} fill="#94a3b8" stroke="#334155" strokeWidth={2} />,
};

/** MAX_FIELDS is how many of a summary's own `fields` the default node line shows (the node is small). */
const MAX_FIELDS = 2;

/** defaultNodeLine shows the epoch (when the protocol has one) and the first of the summary's own fields. */
const defaultNodeLine =
  (epoch: string | null) =>
  (s: NodeSummary): NodeLineItem[] => {
    const out: NodeLineItem[] = epoch ? [{ label: epoch, value: s.term }] : [];
    for (const [label, v] of Object.entries(s.fields ?? {}).slice(0, MAX_FIELDS)) out.push({ label, value: v === null ? '—' : String(v) });
    return out;
  };

/**
 * resolveLook gives the look of core protocol `core` under `plugin`. `generic` marks a look derived
 * from the core alone. Throws Error when the plugin's kinds repeat an id or use `other`, or its
 * legend or draw order names a kind it does not declare: a look must draw every kind it returns.
 */
export function resolveLook(core: AnyProtocol, plugin: UiPlugin, generic = false): ProtocolLook {
  const kinds = new Map<string, MessageKindLook>();
  for (const k of plugin.messageKinds) {
    if (kinds.has(k.kind) || k.kind === OTHER.kind) throw new Error(`protocol "${core.name}": message kind "${k.kind}" is declared twice (or is the reserved "other")`);
    kinds.set(k.kind, k);
  }
  kinds.set(OTHER.kind, OTHER);
  const check = (what: string, ids: readonly string[]) => {
    for (const id of ids) if (!kinds.has(id)) throw new Error(`protocol "${core.name}": its ${what} names message kind "${id}", which its look does not declare`);
  };
  const legend = plugin.legend ?? plugin.messageKinds.map((k) => ({ kinds: [k.kind], text: k.short, title: k.label }));
  for (const e of legend) check('legend', e.kinds);
  const order = plugin.drawOrder ?? plugin.messageKinds.map((k) => k.kind);
  check('draw order', order);
  const drawOrder = [...new Set([...order, ...kinds.keys()])];
  const leaderRole = leaderRoleOf(core);
  const roles = plugin.roles.some((r) => r.role === CRASHED.role) ? plugin.roles : [...plugin.roles, CRASHED];
  const epoch = plugin.epoch !== undefined ? plugin.epoch : (core.epochName ?? null);
  const timeout =
    core.timeoutAction === null
      ? null
      : core.timeoutAction
        ? { label: core.timeoutAction.title, title: core.timeoutAction.description }
        : (plugin.timeout ?? null);
  const classify = plugin.classify;
  const tolerance = plugin.tolerance;
  return {
    protocol: core.name,
    generic,
    hasLog: hasLogOf(core),
    roles,
    defaultRole: plugin.defaultRole ?? roles[0]!.role,
    leaderRole,
    leaderWord: plugin.leaderWord ?? (leaderRole ? `the ${leaderRole}` : 'the first node'),
    messageKinds: [...kinds.values()],
    kind: (id) => kinds.get(id) ?? OTHER,
    kindOf: (msg) => {
      if (msg === undefined || msg === null) return OTHER.kind;
      const k = classify(core.messageType(msg), msg as Record<string, unknown>);
      return k !== undefined && kinds.has(k) ? k : OTHER.kind;
    },
    drawOrder,
    legend,
    legendOmits: (config) => plugin.legendOmits?.(config) ?? {},
    timers: plugin.timers ?? [],
    nodeLine: plugin.nodeLine ?? defaultNodeLine(epoch),
    epoch,
    epochShort: epoch ? epoch.charAt(0) : '',
    showVotedFor: plugin.showVotedFor ?? false,
    showVotes: plugin.showVotes ?? false,
    timeout,
    nodeActions: core.nodeActions ?? [],
    persists: plugin.persists ?? null,
    syncs: typeof core.syncsExplicitly === 'function',
    behaviours: core.behaviours ?? [],
    tolerance: (n) => (tolerance ? tolerance(n) : null),
    panel: plugin.panel ?? null,
    requestForm: plugin.requestForm ?? null,
    routineWords: plugin.routineWords ?? null,
    core,
  };
}
