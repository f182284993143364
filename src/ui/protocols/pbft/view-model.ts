/**
 * The PBFT panel's headline model (model.ts builds the rest): the cluster's view and primary, each
 * replica's view and status, the view changes under way (Castro & Liskov, OSDI 1999 §4.4), and the
 * honest replicas a quorum carries on without, with who starves them and why no view change follows
 * (§4.5.2). Pure functions, unit-tested in model.test.ts.
 */
import { primaryOfView, type PbftStatus } from '../../../core/protocols/pbft/state';
import type { NodeId } from '../../../core/types';
import type { Replica, Sizes } from './model';

/** ReplicaViewChange is one replica's view change under way (§4.4). */
export interface ReplicaViewChange {
  /** The view it is moving to. */
  toView: number;
  /** Replicas whose ViewChange for `toView` it holds (own included). */
  votes: NodeId[];
  /** ViewChanges needed before the new primary may send NewView: 2f+1 (the quorum). */
  needed: number;
  /** It holds the quorum and waits for the NewView (§4.5.2). */
  awaitingNewView: boolean;
  /** View changes in a row without progress; the NewView timeout doubles with each (§4.5.2). */
  backoff: number;
}

/** ReplicaViewRow is one replica's view, status and primary. */
export interface ReplicaViewRow {
  id: NodeId;
  /** Null when not inspected yet. */
  view: number | null;
  status: PbftStatus | null;
  /** The primary of its view. */
  primary: NodeId | null;
  live: boolean;
  behaviour: string | null;
  viewChange: ReplicaViewChange | null;
}

/**
 * LeftOut is an honest live replica outside the quorum that runs the cluster's view: it is in a
 * view change of its own (or behind in an older view) while 2f+1 others carry on without it.
 */
export interface LeftOut {
  id: NodeId;
  /** Its own view: the one it is moving to while changing views. */
  view: number;
  /** Its view change, when in one. */
  viewChange: ReplicaViewChange | null;
  /** Why it suspects the quorum's primary, when it does (it was starved: the primary lied to it). */
  suspectsPrimary: string | null;
  /** The last sequence number it executed (state transfer moves it on, §4.3). */
  lastExecuted: number;
}

/** ViewModel is the panel's headline: the current view and primary, and the view changes under way. */
export interface ViewModel {
  /**
   * The cluster's view: the view in which a quorum (2f+1) of live replicas is in normal operation,
   * so requests execute in it (see `quorum`). Byzantine replicas count: a faulty primary that still
   * orders requests is part of the quorum that executes them (§4.2). When no view has a quorum (a
   * view change under way, a partition), the highest view among honest live replicas (every
   * replica when none is honest and live, 0 when nothing is known); in status view-change a
   * replica's view is the one it is moving to, so this can be a view not yet installed: see
   * `installed`. Never the view of one replica that is ahead alone.
   */
  view: number;
  /** The live replicas in normal operation in `view` when they are a quorum, in node order; empty otherwise. */
  quorum: NodeId[];
  /** Honest live replicas outside that quorum, in node order (empty when there is no quorum). */
  leftOut: LeftOut[];
  /** The primary of `view` (§4.1: view mod n). */
  primary: NodeId | null;
  /** Some honest live replica runs `view` in normal status (its NewView arrived, or it is view 0). */
  installed: boolean;
  /** Every live replica with a known state is in the same view, in normal status. */
  agree: boolean;
  /** Every replica, in node order. */
  replicas: ReplicaViewRow[];
  /** The replicas in a view change, in node order. */
  changing: ReplicaViewRow[];
}

/** buildViewModel gives the view, its primary and the view changes under way (§4.4, §4.5.2). */
export function buildViewModel(replicas: readonly Replica[], nodeIds: readonly NodeId[], sizes: Sizes): ViewModel {
  const rows: ReplicaViewRow[] = replicas.map((r) => {
    const d = r.detail;
    const vc = d?.viewChange ?? null;
    return {
      id: r.id,
      view: d ? d.view : null,
      status: d ? d.status : null,
      primary: d ? primaryOfView(nodeIds, d.view) : null,
      live: r.live,
      behaviour: r.behaviour,
      viewChange: vc ? { toView: vc.view, votes: vc.votes.slice(), needed: sizes.quorum, awaitingNewView: vc.awaitingNewView, backoff: vc.backoff } : null,
    };
  });
  const known = rows.filter((r) => r.view !== null);
  const honestLive = known.filter((r) => r.live && r.behaviour === null);
  const basis = honestLive.length ? honestLive : known;
  const live = known.filter((r) => r.live);
  const quorumView = viewOfQuorum(live, sizes.quorum);
  const view = quorumView ?? basis.reduce((m, r) => Math.max(m, r.view ?? 0), 0);
  const primary = primaryOfView(nodeIds, view);
  const quorum = quorumView === null ? [] : live.filter((r) => r.view === quorumView && r.status === 'normal').map((r) => r.id);
  const leftOut: LeftOut[] = [];
  if (quorumView !== null) {
    for (const r of honestLive) {
      if (quorum.includes(r.id)) continue;
      const rep = replicas.find((x) => x.id === r.id)!;
      leftOut.push({
        id: r.id,
        view: r.view!,
        viewChange: r.viewChange,
        suspectsPrimary: primary !== null ? (rep.suspects[primary] ?? null) : null,
        lastExecuted: rep.detail?.lastExecuted ?? 0,
      });
    }
  }
  return {
    view,
    quorum,
    leftOut,
    primary,
    installed: quorumView !== null || basis.length === 0 || basis.some((r) => r.view === view && r.status === 'normal'),
    agree: live.every((r) => r.view === live[0]?.view && r.status === 'normal'),
    replicas: rows,
    changing: rows.filter((r) => r.viewChange !== null),
  };
}

/** viewOfQuorum gives the view in which at least `quorum` of `live` replicas are in normal operation, or null (at most one view can have it). */
function viewOfQuorum(live: readonly ReplicaViewRow[], quorum: number): number | null {
  const count = new Map<number, number>();
  for (const r of live) if (r.status === 'normal' && r.view !== null) count.set(r.view, (count.get(r.view) ?? 0) + 1);
  for (const [v, c] of count) if (c >= quorum) return v;
  return null;
}

/** list writes ids as `n1, n2 and n4`. */
const list = (ids: readonly string[]): string => (ids.length < 2 ? ids.join('') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`);

/**
 * leftOutText explains, for a replica the quorum carries on without, who starves it and why no
 * view change follows. What Castro & Liskov allow here: a backup that sent a ViewChange for v+1
 * stops accepting normal-case messages of v (OSDI 1999 §4.4); it starts the timer that would move
 * it on to v+2 only once it holds 2f+1 ViewChanges for v+1, and the others join a view change only
 * when f+1 replicas ask for it (§4.5.2), so one replica's request changes nothing. The 2f+1 others,
 * a faulty primary among them, still execute every request and answer the clients with f+1
 * matching replies (§4.1), so no client times out and no further replica suspects the primary.
 * The replica stays in its view change until the others move on, and meanwhile catches up by
 * state transfer whenever a checkpoint becomes stable (§4.3; TOCS 2002 §6.2).
 * Legal: the protocol promises that requests execute, not that every honest replica takes part.
 */
export function leftOutText(lo: LeftOut, vm: Pick<ViewModel, 'view' | 'primary' | 'quorum'>, sizes: Sizes): string {
  const starved = lo.suspectsPrimary !== null && vm.primary !== null;
  const who = starved ? `${lo.id} is starved by primary ${vm.primary}: it suspects it (${lo.suspectsPrimary})` : `${lo.id} is left out of view ${vm.view}`;
  const carryOn = `${list(vm.quorum)} still form a quorum of ${sizes.quorum} in view ${vm.view} and keep executing, so none of them times out`;
  const catchUp = `It waits there, and catches up by state transfer at each stable checkpoint (§4.3; executed up to #${lo.lastExecuted}).`;
  if (lo.viewChange && lo.view > vm.view) {
    const votes = lo.viewChange.votes.length;
    return (
      `${who}. It asks for view ${lo.view}, but holds ${votes} of the ${sizes.quorum} ViewChanges a NewView needs. ` +
      `${carryOn}, and they join a view change only when f + 1 = ${sizes.f + 1} replicas ask for one (§4.5.2). ${catchUp}`
    );
  }
  return `${who}. It is in view ${lo.view}${lo.viewChange ? ' (changing views)' : ''}; ${carryOn}. It catches up when it hears of view ${vm.view}: a forwarded NewView (§4.4), or state transfer at the next stable checkpoint (§4.3).`;
}
