import { describe, expect, it } from 'vitest';
import { example } from '../../scenario/examples';
import { decodeShare, encodeShare } from '../../scenario/share';
import { runCrdt } from './testkit';

describe('crdt share links', () => {
  it('the LWW skew story survives a share link and replays to the same lost write', () => {
    const s = example('crdt-lww-skew');
    const back = decodeShare(encodeShare(s, { events: 0, t: 0 })).scenario;
    expect(back).toEqual(s);
    const a = runCrdt(s).check();
    const b = runCrdt(back).check();
    expect(b).toEqual(a);
    expect(b.verdict).toBe('fail');
  });
});
