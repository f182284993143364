/**
 * Gossip's configuration, as given in a scenario's `config` field: the epidemic of Demers et al.,
 * "Epidemic algorithms for replicated database maintenance" (PODC 1987): who starts a contact
 * (push, pull or both, §1.3), how many partners a cycle contacts and how long a cycle lasts, when a
 * site loses interest in a rumour (feedback and counter, §1.4), and how often anti-entropy runs as
 * the fallback that repairs what rumour mongering missed (§1.5).
 */
import * as v from 'valibot';
import { PARSE_CONFIG, sectionFields, wordIssues } from '../../scenario/issues';

/**
 * Mode is who carries a rumour in a contact (Demers et al. §1.3, §1.4):
 * - `push`: a site with hot rumours sends them to its partners;
 * - `pull`: every site asks its partners for their hot rumours;
 * - `push-pull`: both, in one exchange.
 */
export type Mode = 'push' | 'pull' | 'push-pull';

/** MODES lists every mode, in the order menus show them. */
export const MODES: readonly Mode[] = ['push', 'pull', 'push-pull'];

/**
 * GossipBug is a teaching bug (bugs.ts):
 * - `give-up-at-once`: a site loses interest in a rumour the moment it learns it, before sending it
 *   once (k treated as 0), so rumour mongering spreads nothing beyond the first site;
 * - `no-forward-pulled`: a value learned by pull (a PullReply) is stored but never made hot, so it is
 *   never passed on by rumour mongering.
 */
export type GossipBug = 'give-up-at-once' | 'no-forward-pulled';

/** GOSSIP_BUG_IDS lists every teaching bug. */
export const GOSSIP_BUG_IDS: readonly GossipBug[] = ['give-up-at-once', 'no-forward-pulled'];

/** GossipConfig tunes one gossip cluster. Times are virtual ms. */
export interface GossipConfig {
  /** Who carries rumours in a contact (§1.3). */
  mode: Mode;
  /** Partners each site contacts per cycle (≥ 1; capped at the other sites). */
  fanout: number;
  /**
   * The cycle (virtual ms): every periodMs a site contacts `fanout` random partners. Rumours that
   * arrive between cycles wait for the next one, so a longer period batches more rumours per
   * message (fewer messages) at the cost of latency.
   */
  periodMs: number;
  /**
   * k: a site loses interest in a rumour after k unneeded sends, sends to a partner who already
   * knew it, as that partner's feedback reports (feedback, counter variant, §1.4). Residue falls as
   * about e^(−m), m the messages per site.
   */
  k: number;
  /**
   * feedback: a site loses interest after k sends its partners' Feedback says were unneeded
   * (feedback, counter). Off: after k cycles in which it sent the rumour, needed or not, and no
   * Feedback is sent (blind, counter), which halves the messages and raises the residue (§1.4).
   */
  feedback: boolean;
  /**
   * Anti-entropy runs every antiEntropyMs with one random partner: the two compare the values they
   * hold and each sends what the other lacks (push-pull, §1.2, §1.5). 0 switches it off.
   */
  antiEntropyMs: number;
  /** Teaching bugs switched on (see {@link GossipBug}). */
  bugs: GossipBug[];
}

/**
 * GOSSIP_DEFAULTS is used for every field a scenario leaves out: push with feedback (a node with
 * nothing hot stays silent, so an idle cluster sends only anti-entropy digests), fanout 2, k = 3
 * (about 1% residue at fanout 1, Table 1), anti-entropy every second to repair it.
 */
export const GOSSIP_DEFAULTS: GossipConfig = {
  mode: 'push',
  fanout: 2,
  periodMs: 100,
  k: 3,
  feedback: true,
  antiEntropyMs: 1000,
  bugs: [],
};

const whole = (lo: number, hi: number, unit: string) => {
  const words = `{field} must be a whole number${unit} from ${lo} to ${hi} (got {got})`;
  return v.pipe(v.number(words), v.integer(words), v.minValue(lo, words), v.maxValue(hi, words));
};

const entries = {
  mode: v.optional(v.picklist(MODES, `{field} must be one of ${MODES.join(', ')} (got {got})`), GOSSIP_DEFAULTS.mode),
  fanout: v.optional(whole(1, 100, ''), GOSSIP_DEFAULTS.fanout),
  periodMs: v.optional(whole(1, 600_000, ' of virtual ms'), GOSSIP_DEFAULTS.periodMs),
  k: v.optional(whole(1, 100, ' of unneeded sends'), GOSSIP_DEFAULTS.k),
  feedback: v.optional(v.boolean('{field} must be true or false (got {got})'), GOSSIP_DEFAULTS.feedback),
  antiEntropyMs: v.optional(whole(0, 600_000, ' of virtual ms (0: off)'), GOSSIP_DEFAULTS.antiEntropyMs),
  bugs: v.optional(
    v.pipe(
      v.array(
        v.picklist(GOSSIP_BUG_IDS, `{field} names an unknown bug {got} (known: ${GOSSIP_BUG_IDS.join(', ')})`),
        '{field} must be a list of bug names (got {got})',
      ),
      v.check((bs) => new Set(bs).size === bs.length, '{field} must not name a bug twice (got {got})'),
    ),
    () => [],
  ),
};

/**
 * gossipConfigSchema validates a scenario's `config` for gossip and fills defaults. Its messages are
 * worded for people (see src/core/scenario/issues.ts): `{field}` is the field's name.
 */
export const gossipConfigSchema = v.strictObject(entries, sectionFields('config', Object.keys(entries), 'gossip'));

/**
 * gossipConfig fills defaults into a partial config and checks it.
 * @throws Error naming the bad field, in the schema's words, if `partial` is invalid.
 */
export function gossipConfig(partial: Partial<GossipConfig> = {}): GossipConfig {
  const r = v.safeParse(gossipConfigSchema, partial, PARSE_CONFIG);
  if (!r.success) throw new Error(`bad gossip config: ${wordIssues(r.issues, { base: ['config'] }).map((i) => i.message).join('; ')}`);
  return r.output as GossipConfig;
}
