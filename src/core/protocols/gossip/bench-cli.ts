/**
 * Prints gossip's bench figures: `npx tsx src/core/protocols/gossip/bench-cli.ts`.
 * Maelstrom's broadcast challenge over the trade-off configs, then 100-node speed.
 */
import { formatFigures, gossipSpeed, maelstromBroadcast, MAELSTROM_TARGETS, TRADE_OFF } from './bench';

const rows = TRADE_OFF.map((c) => maelstromBroadcast(c));
console.log(`Maelstrom broadcast: 25 nodes, 100 ms latency, 50 broadcasts/s for 20 s. Targets: msgs/op < ${MAELSTROM_TARGETS.msgsPerOp}, median < ${MAELSTROM_TARGETS.medianMs} ms, max < ${MAELSTROM_TARGETS.maxMs} ms`);
console.log(formatFigures(rows));
const speed = gossipSpeed(() => performance.now());
console.log(`speed: ${speed.nodes} nodes, ${speed.virtualMs / 1000} virtual s in ${(speed.wallMs / 1000).toFixed(2)} wall s: ${speed.simSecondsPerWallSecond.toFixed(1)} sim-s per wall-s (${speed.events} events)`);
