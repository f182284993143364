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
    [{ requestTimeoutMs: 0 }, 'config.requestTimeoutMs must be a whole number of virtual ms from 1 to 600000 (got 0)'],
    [{ viewChangeTimeoutMs: 1.5 }, 'config.viewChangeTimeoutMs must be a whole number of virtual ms from 1 to 600000 (got 1.5)'],
    [{ checkpointInterval: 'x' }, 'config.checkpointInterval must be a whole number of sequence numbers from 1 to 1000 (got "x")'],
    [{ checkpointInterval: 8, logWindow: 4 }, 'config.logWindow (4) must be at least config.checkpointInterval (8), or the window closes before the next checkpoint can become stable (§4.3)'],
    [{ slowPrimaryMs: -3 }, 'config.slowPrimaryMs must be a whole number of virtual ms from 1 to 600000 (got -3)'],
    [{ byzantine: { n1: 'sneaky' } }, 'config.byzantine.n1 names an unknown Byzantine behaviour "sneaky" (known: silent, equivocate, wrong-digest, wrong-result, replay, forge, slow)'],
    [{ byzantine: ['n1'] }, 'config.byzantine must map node ids to behaviours, e.g. {"n1": "silent"} (got ["n1"])'],
    [{ electionTimeoutMs: [1, 2] }, 'config: unknown field "electionTimeoutMs" for pbft (known: requestTimeoutMs, viewChangeTimeoutMs, checkpointInterval, logWindow, slowPrimaryMs, byzantine)'],
  ])('rejects %j, naming the field', (config, message) => {
    expect(() => parseScenario({ version: 1, protocol: 'pbft', config })).toThrow(expect.objectContaining({ message: `invalid scenario: ${message}` }));
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
