/** The SWIM request form: ask the node how its membership list stands (`{"f": "members"}`). */
import { RequestFormShell } from '../RequestFormShell';
import type { RequestFormProps } from '../types';

export function MembersForm({ node }: RequestFormProps) {
  return (
    <RequestFormShell node={node} label={`Ask ${node} for its membership list`} button={`Ask ${node}`} makeOp={() => ({ f: 'members' })}>
      <span className="hint">alive, suspect and dead counts</span>
    </RequestFormShell>
  );
}
