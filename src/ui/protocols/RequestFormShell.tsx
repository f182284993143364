/**
 * RequestFormShell is what every protocol's request form shares: the form, its row of fields, the
 * send button and the error line. On submit it asks `makeOp` for the op (which may throw an Error in
 * the user's words), records it as a `request` action to `node` (a fresh client each time), notes
 * it for the request dock (panels/RequestForm.tsx), and shows any error under the row.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { NodeId, Op } from '../../core/types';
import { useController } from '../controller/context';
import { useStore } from '../store/store';

export interface RequestFormShellProps {
  node: NodeId;
  /** The form's accessible name, e.g. `Send a transaction to n1`. */
  label: string;
  /** The send button's text, e.g. `Send to n1`. */
  button: string;
  /** makeOp builds the op from the fields. @throws Error whose message is shown to the user. */
  makeOp(): Op;
  /** Called once the request is recorded (e.g. to clear a field). */
  onSent?(): void;
  /** The fields, before the button. */
  children: ReactNode;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function RequestFormShell({ node, label, button, makeOp, onSent, children }: RequestFormShellProps) {
  const controller = useController();
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    let op: Op;
    try {
      op = makeOp();
    } catch (err) {
      setError(messageOf(err));
      return;
    }
    controller
      .act({ action: 'request', op, node })
      .then((rec) => {
        if (rec?.action === 'request' && rec.client) useStore.getState().noteRequest({ client: rec.client, node, op, at: rec.at });
        onSent?.();
      })
      .catch((err: unknown) => setError(messageOf(err)));
  };

  return (
    <form className="request-form" onSubmit={submit} aria-label={label}>
      <div className="request-row">
        {children}
        <button type="submit" className="primary" data-testid="request-send">
          {button}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
