/**
 * TxnRequestForm sends a transaction, `{"f": "txn", "writes": {...}}`, typed as `x=1 y=2`, to a
 * node, recorded as a `request` action (a fresh client each time). A participant redirects the
 * client to the coordinator. The request dock lists what became of it (ok, or aborted and why).
 */
import { useState } from 'react';
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

/**
 * parseWrites reads `x=1 y=2` (spaces or commas between writes) into `{x: "1", y: "2"}`.
 * @throws Error in the user's words for an empty text, a write without `=`, an empty key or a key written twice.
 */
export function parseWrites(text: string): Record<string, string> {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) throw new Error('write at least one key, e.g. x=1 y=2');
  const writes: Record<string, string> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`each write is key=value, e.g. x=1; got "${part}"`);
    const key = part.slice(0, eq);
    if (key in writes) throw new Error(`${key} is written twice; a transaction writes each key once`);
    writes[key] = part.slice(eq + 1);
  }
  return writes;
}

export function TxnRequestForm({ node }: RequestFormProps) {
  const [text, setText] = useState('x=1 y=2');
  return (
    <RequestFormShell node={node} label={`Send a transaction to ${node}`} button={`Send to ${node}`} makeOp={() => ({ f: 'txn', writes: parseWrites(text) })}>
      <span className="twopc-txn-word">txn</span>
      <input value={text} onChange={(e) => setText(e.target.value)} placeholder="x=1 y=2" aria-label="writes, as key=value" data-testid="request-writes" size={14} />
    </RequestFormShell>
  );
}
