import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { getProtocol, protocolNames } from '../registry';
import { parseScenario } from '../../scenario/schema';
import { PBFT_DEFAULTS, pbftConfigSchema } from './config';
import { pbft } from './index';
import { scenario } from './testkit';

describe('PBFT configuration', () => {
  it('is registered as `pbft`, and a scenario’s empty config gets every default', () => {
    expect(protocolNames()).toContain('pbft');
    expect(getProtocol('pbft')).toMatchObject({ protocol: pbft, title: 'PBFT', configSchema: pbftConfigSchema });
    expect(scenario({}).config).toEqual(PBFT_DEFAULTS);
  });

  it('accepts Byzantine behaviours per node', () => {
    const config = scenario({ config: { byzantine: { n1: 'silent', n3: 'forge' } } }).config;
    expect(config.byzantine).toEqual({ n1: 'silent', n3: 'forge' });
  });

  it.each([
    [{ requestTimeoutMs: 0 }, /config\.requestTimeoutMs: requestTimeoutMs must be at least 1/],
    [{ viewChangeTimeoutMs: 1.5 }, /config\.viewChangeTimeoutMs: viewChangeTimeoutMs must be a whole number of virtual ms/],
    [{ checkpointInterval: 'x' }, /config\.checkpointInterval: checkpointInterval must be a number of sequence numbers/],
    [{ checkpointInterval: 8, logWindow: 4 }, /config: logWindow must be at least checkpointInterval/],
    [{ slowPrimaryMs: -3 }, /config\.slowPrimaryMs: slowPrimaryMs must be at least 1/],
    [{ byzantine: { n1: 'sneaky' } }, /config\.byzantine\.n1: unknown Byzantine behaviour "sneaky" \(known: silent, equivocate, wrong-digest, wrong-result, replay, forge, slow\)/],
    [{ byzantine: ['n1'] }, /config\.byzantine: byzantine must map node ids to behaviours/],
    [{ electionTimeoutMs: [1, 2] }, /config\.electionTimeoutMs: Invalid key/],
  ])('rejects %j, naming the field', (config, message) => {
    expect(() => parseScenario({ version: 1, protocol: 'pbft', config })).toThrow(message);
  });

  it('ignores Byzantine entries for nodes not in the cluster', () => {
    const config = v.parse(pbftConfigSchema, { byzantine: { n9: 'silent' } });
    const s = pbft.init('n1', ['n1', 'n2', 'n3', 'n4'], config);
    expect(s.behaviour).toBeNull();
  });

  it('minTimerDelayMs bounds every timer: request, view-change and slow-primary delays', () => {
    expect(pbft.minTimerDelayMs(PBFT_DEFAULTS)).toBe(500);
    expect(pbft.minTimerDelayMs({ ...PBFT_DEFAULTS, slowPrimaryMs: 40 })).toBe(40);
    expect(pbft.minTimerDelayMs({ ...PBFT_DEFAULTS, viewChangeTimeoutMs: 30 })).toBe(30);
  });
});
