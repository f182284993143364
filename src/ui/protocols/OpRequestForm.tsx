/**
 * OpRequestForm is the generic request form: for a protocol with client operations but no form of
 * its own, it picks an op name (ProtocolEntry.ops.names) and takes the op's other fields as JSON,
 * starting from the protocol's example op. The scenario schema checks the op with the protocol's
 * own ops schema, so a bad op is refused with the protocol's words.
 */
import { useState } from 'react';
import { PROTOCOLS } from '../../core/protocols/registry';
import type { Op } from '../../core/types';
import { useStore } from '../store/store';
import { RequestFormShell } from './RequestFormShell';
import type { RequestFormProps } from './types';

/** fieldsText gives `op`'s fields besides `f` as one line of JSON (`{}` for none). */
function fieldsText(op: Op | undefined): string {
  if (!op) return '{}';
  const { f: _f, ...rest } = op;
  return JSON.stringify(rest);
}

/** parseFields reads the JSON fields box; throws Error in the user's words when it is not a JSON object. */
export function parseFields(text: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(text.trim() || '{}');
  } catch {
    throw new Error(`the op's fields must be JSON, e.g. {"key": "x"}; got ${text}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`the op's fields must be a JSON object, e.g. {"key": "x"}; got ${text}`);
  if ('f' in v) throw new Error('pick the operation from the list, not with an "f" field');
  return v as Record<string, unknown>;
}

export function OpRequestForm({ node }: RequestFormProps) {
  const ops = PROTOCOLS[useStore((s) => s.protocol)]?.ops;
  const names = ops?.names ?? [];
  const [f, setF] = useState(ops?.example.f ?? names[0] ?? '');
  const [fields, setFields] = useState(fieldsText(ops?.example));
  if (!ops || names.length === 0) return null;

  return (
    <RequestFormShell node={node} label={`Send a client request to ${node}`} button={`Send to ${node}`} makeOp={(): Op => ({ ...parseFields(fields), f })}>
      <select value={f} onChange={(e) => setF(e.target.value)} data-testid="request-f" aria-label="operation">
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <input value={fields} onChange={(e) => setFields(e.target.value)} placeholder="{}" aria-label="fields as JSON" data-testid="request-fields" size={14} />
    </RequestFormShell>
  );
}
