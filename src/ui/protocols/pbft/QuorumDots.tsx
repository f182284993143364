/** QuorumDots: `need` small dots, the first `have` filled: votes collected against a quorum at a glance. */

/** QuorumDots draws `have` of `need` (extra votes beyond `need` fill every dot). */
export function QuorumDots({ have, need }: { have: number; need: number }) {
  return (
    <span className="pbft-dots" aria-hidden="true">
      {Array.from({ length: need }, (_, i) => (
        <span key={i} className={i < have ? 'pbft-dot is-on' : 'pbft-dot'} />
      ))}
    </span>
  );
}
