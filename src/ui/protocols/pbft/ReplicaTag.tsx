/**
 * ReplicaTag: a replica's id as a small pill, red when Byzantine (with the behaviour as a badge
 * unless `compact`), struck through while crashed, dark for the primary of the shown view.
 */
import type { Replica } from './model';

/** ReplicaTag props: the replica, whether it is the primary, and whether to leave the behaviour badge out. */
export interface ReplicaTagProps {
  replica: Pick<Replica, 'id' | 'live' | 'behaviour'>;
  primary?: boolean;
  compact?: boolean;
}

/** ReplicaTag draws one replica's id (see the module comment). */
export function ReplicaTag({ replica, primary = false, compact = false }: ReplicaTagProps) {
  const cls = ['pbft-tag', replica.behaviour ? 'is-byz' : '', replica.live ? '' : 'is-down', primary ? 'is-primary' : ''].filter(Boolean).join(' ');
  const title = [
    replica.id,
    primary ? 'primary' : '',
    replica.behaviour ? `Byzantine: ${replica.behaviour}` : '',
    replica.live ? '' : 'crashed',
  ].filter(Boolean).join(' · ');
  return (
    <span className={cls} title={title}>
      {replica.id}
      {replica.behaviour && !compact ? <span className="pbft-byz-badge">{replica.behaviour}</span> : null}
    </span>
  );
}
