import { describe, expect, it } from 'vitest';
import lz from 'lz-string';
import { decodeShare, encodeShare, ShareError } from './share';
import { example } from './examples';

const scenario = example('leader-isolated');

function shareError(text: string): string {
  try {
    decodeShare(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ShareError);
    return (e as Error).message;
  }
  throw new Error('expected the link to be rejected');
}

describe('share links', () => {
  it('round-trip a scenario and a moment through a full URL', () => {
    const url = `https://example.org/playground/#${encodeShare(scenario, { events: 1234, t: 5678 })}`;
    const shared = decodeShare(url);
    expect(shared.scenario).toEqual(scenario);
    expect(shared.moment).toEqual({ events: 1234, t: 5678 });
  });

  it('stay short enough for a URL', () => {
    expect(encodeShare(scenario, null).length).toBeLessThan(1500);
  });

  it('name a truncated link', () => {
    const hash = encodeShare(scenario, null);
    expect(shareError(hash.slice(0, hash.length / 2))).toMatch(/truncated or corrupted/);
  });

  it('name garbage', () => {
    expect(shareError('#s=garbage')).toMatch(/truncated or corrupted/);
    expect(shareError('#x=1')).toMatch(/holds no scenario/);
  });

  it('name a link from a newer version', () => {
    const hash = 's=' + lz.compressToEncodedURIComponent(JSON.stringify({ v: 9, scenario }));
    expect(shareError(hash)).toMatch(/newer version of the playground \(format 9/);
  });

  it('name the bad field of an invalid scenario inside, in the scenario\'s words', () => {
    const link = (bad: unknown) => 's=' + lz.compressToEncodedURIComponent(JSON.stringify({ v: 1, scenario: bad }));
    expect(shareError(link({ ...scenario, nodes: 140 }))).toBe('the share link holds an invalid scenario: nodes must be a whole number from 1 to 100 (got 140)');
    const timeline = [...scenario.timeline, { at: 5200, action: 'request', op: { f: 'get', key: 'x', value: 'v' } }];
    expect(shareError(link({ ...scenario, timeline }))).toBe(
      `the share link holds an invalid scenario: timeline[${scenario.timeline.length}] (at 5200 ms): a get takes no value (its fields: f, key)`,
    );
    expect(shareError(link(undefined))).toBe(
      'the share link holds an invalid scenario: a scenario must be a JSON object such as {"version": 1, "protocol": "raft"} (got nothing)',
    );
  });

  it('name contents that are not JSON', () => {
    expect(shareError('s=' + lz.compressToEncodedURIComponent('{"v": 1, scenario'))).toBe('the share link is truncated or corrupted: its contents are not valid JSON');
  });

  it('reject a malformed moment', () => {
    const hash = 's=' + lz.compressToEncodedURIComponent(JSON.stringify({ v: 1, scenario, moment: { events: -1, t: 0 } }));
    expect(shareError(hash)).toMatch(/moment/);
  });
});
