/**
 * Breakpoints: the active ones as removable chips, and a menu to add one — a new leader (where the
 * protocol has one), a change of epoch (where it has one), a commit, two candidates at once, a node
 * entering a role, a node changing role, a message type delivered to a node or any node, a timer,
 * a protocol record — offered from the running protocol's look and core declarations (roles,
 * messageTypes, recordKinds). Also the condition editor that "step to next" shares.
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getProtocol } from '../../core/protocols/registry';
import { conditionText, type Condition, type ConditionKind, type ConditionWords } from '../../core/travel/conditions';
import { conditionKindsOf, type ConditionChoice } from './conditionKinds';
import { useLook } from '../protocols/useLook';
import { conditionWords } from '../protocols/words';
import { useController } from '../controller/context';
import { selectBreakpoints } from '../store/selectors';
import { useStore } from '../store/store';
import { usePopover } from './usePopover';

/** ANY_NODE is the node select's value for "any node" (a delivery condition without `node`). */
const ANY_NODE = '';

/** useConditionWords gives the running protocol's words for conditions (PBFT: primary, view). */
export function useConditionWords(): ConditionWords {
  return conditionWords(useLook());
}

/** useKinds gives the condition kinds the running protocol has, labelled in its words (conditionKinds.ts). */
function useKinds(): readonly ConditionChoice[] {
  return conditionKindsOf(useLook());
}

/** useMessageTypes lists the protocol's message types for menus. */
export function useMessageTypes(): readonly string[] {
  const protocol = useStore((s) => s.protocol);
  try {
    return getProtocol(protocol).protocol.messageTypes ?? [];
  } catch {
    return [];
  }
}

/**
 * ConditionEditor picks a condition: its kind, and the role, node, message type or record kind
 * where they apply. A condition the running protocol cannot state (a new leader, after switching
 * to a leader-free protocol) becomes its first one.
 */
export function ConditionEditor({ value, onChange, testid }: { value: Condition; onChange: (c: Condition) => void; testid: string }) {
  const nodeIds = useStore((s) => s.nodeIds);
  const look = useLook();
  const types = useMessageTypes();
  const kinds = useKinds();
  const records = look.core.recordKinds ?? [];
  const roles = look.roles.map((r) => r.role);
  const node = 'node' in value && value.node ? value.node : value.kind === 'deliver' ? ANY_NODE : (nodeIds[0] ?? 'n1');
  const make = (kind: ConditionKind, n = node, type?: string): Condition => {
    switch (kind) {
      case 'role':
        return { kind, node: n || (nodeIds[0] ?? 'n1') };
      case 'deliver':
        return { kind, ...(n ? { node: n } : {}), ...(type ? { type } : {}) };
      case 'enter-role':
        return { kind, role: type ?? roles.find((r) => r !== look.defaultRole) ?? roles[0] ?? 'crashed' };
      case 'record':
        return { kind, record: type ?? records[0]?.kind ?? '' };
      default:
        return { kind } as Condition;
    }
  };
  const offered = kinds.some((k) => k.kind === value.kind);
  useEffect(() => {
    if (!offered && kinds.length) onChange(make(kinds[0]!.kind));
    // Only when the protocol (and so the kinds offered) changes under the value.
  }, [offered]);
  // Another protocol starts from its own first condition: a role or record kind of the last one
  // (gossip's `susceptible`) means nothing to the next.
  const protocol = look.core.name;
  const shownFor = useRef(protocol);
  useEffect(() => {
    if (shownFor.current === protocol) return;
    shownFor.current = protocol;
    if (kinds.length) onChange(make(kinds[0]!.kind));
  }, [protocol]);
  return (
    <span className="cond-editor">
      <select data-testid={`${testid}-kind`} aria-label="Condition" value={value.kind} onChange={(e) => onChange(make(e.target.value as ConditionKind))}>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {value.kind === 'enter-role' && (
        <select data-testid={`${testid}-role`} aria-label="Role" value={value.role} onChange={(e) => onChange(make('enter-role', node, e.target.value))}>
          {look.roles.map((r) => (
            <option key={r.role} value={r.role}>
              {r.label}
            </option>
          ))}
        </select>
      )}
      {value.kind === 'record' && (
        <select data-testid={`${testid}-record`} aria-label="Record kind" value={value.record} onChange={(e) => onChange(make('record', node, e.target.value))}>
          {records.map((r) => (
            <option key={r.kind} value={r.kind}>
              {r.title}
            </option>
          ))}
        </select>
      )}
      {value.kind === 'deliver' && (
        <select data-testid={`${testid}-type`} aria-label="Message type" value={value.type ?? ''} onChange={(e) => onChange(make('deliver', node, e.target.value || undefined))}>
          <option value="">any message</option>
          {types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      )}
      {(value.kind === 'role' || value.kind === 'deliver') && (
        <select
          data-testid={`${testid}-node`}
          aria-label="Node"
          value={node}
          onChange={(e) => onChange(make(value.kind, e.target.value, value.kind === 'deliver' ? value.type : undefined))}
        >
          {value.kind === 'deliver' ? <option value={ANY_NODE}>to any node</option> : null}
          {nodeIds.map((id) => (
            <option key={id} value={id}>
              {value.kind === 'deliver' ? `to ${id}` : id}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}

export function BreakpointsMenu() {
  const controller = useController();
  const { breakpoints } = useStore(useShallow(selectBreakpoints));
  const { open, setOpen, root } = usePopover<HTMLDivElement>();
  const [draft, setDraft] = useState<Condition>({ kind: 'leader' });
  const words = useConditionWords();
  return (
    <div className="breakpoints" role="group" aria-label="Breakpoints">
      <div className="menu-root" ref={root}>
        <button data-testid="add-breakpoint" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(!open)} title="Pause automatically when something happens (B: on a new leader)">
          ● Breakpoint ▾
        </button>
        {open && (
          <div className="menu breakpoint-menu" role="dialog" aria-label="Add a breakpoint">
            <p className="menu-title">Pause when…</p>
            <ConditionEditor value={draft} onChange={setDraft} testid="bp" />
            <button
              className="primary"
              data-testid="bp-add"
              onClick={() => {
                controller.travel.addBreakpoint(draft);
                setOpen(false);
              }}
            >
              Add
            </button>
          </div>
        )}
      </div>
      <ul className="bp-chips" data-testid="breakpoints" data-count={breakpoints.length}>
        {breakpoints.map((b, i) => (
          <li key={JSON.stringify(b)} className="bp-chip" data-testid={`breakpoint-${i}`}>
            <span className="bp-dot" aria-hidden="true" />
            {conditionText(b, words)}
            <button aria-label={`Remove the breakpoint on ${conditionText(b, words)}`} data-testid={`remove-breakpoint-${i}`} onClick={() => controller.travel.removeBreakpoint(b)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
