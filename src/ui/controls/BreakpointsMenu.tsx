/**
 * Breakpoints: the active ones as removable chips, and a menu to add one — a new leader, a change
 * of term, a commit, two candidates at once, a node changing role, a message type delivered to a
 * node. Also the condition editor that "step to next" shares.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getProtocol } from '../../core/protocols/registry';
import { conditionText, type Condition, type ConditionKind, type ConditionWords } from '../../core/travel/conditions';
import { useLook } from '../protocols/useLook';
import { conditionWords } from '../protocols/words';
import { useController } from '../controller/context';
import { selectBreakpoints } from '../store/selectors';
import { useStore } from '../store/store';
import { usePopover } from './usePopover';

const KINDS: { kind: ConditionKind; label: string }[] = [
  { kind: 'leader', label: 'a new leader' },
  { kind: 'term', label: 'a change of term' },
  { kind: 'commit', label: 'a commit' },
  { kind: 'candidates', label: 'two candidates at once' },
  { kind: 'role', label: 'a node changes role' },
  { kind: 'deliver', label: 'a message delivered to a node' },
  { kind: 'timer', label: 'a timer fires' },
];

/** useConditionWords gives the running protocol's words for conditions (PBFT: primary, view). */
export function useConditionWords(): ConditionWords {
  return conditionWords(useLook());
}

/** useKinds gives the condition kinds the running protocol has, labelled in its words ("two candidates" only where a candidate role exists). */
function useKinds(): { kind: ConditionKind; label: string }[] {
  const look = useLook();
  const words = useConditionWords();
  return KINDS.filter((k) => k.kind !== 'candidates' || look.roles.some((r) => r.role === 'candidate')).map((k) =>
    k.kind === 'leader' || k.kind === 'term' ? { kind: k.kind, label: conditionText({ kind: k.kind } as Condition, words) } : k,
  );
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

/** ConditionEditor picks a condition: its kind, and the node and message type where they apply. */
export function ConditionEditor({ value, onChange, testid }: { value: Condition; onChange: (c: Condition) => void; testid: string }) {
  const nodeIds = useStore((s) => s.nodeIds);
  const types = useMessageTypes();
  const kinds = useKinds();
  const node = 'node' in value && value.node ? value.node : (nodeIds[0] ?? 'n1');
  const make = (kind: ConditionKind, n = node, type?: string): Condition => {
    switch (kind) {
      case 'role':
        return { kind, node: n };
      case 'deliver':
        return type ? { kind, node: n, type } : { kind, node: n };
      default:
        return { kind } as Condition;
    }
  };
  return (
    <span className="cond-editor">
      <select data-testid={`${testid}-kind`} aria-label="Condition" value={value.kind} onChange={(e) => onChange(make(e.target.value as ConditionKind))}>
        {kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
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
