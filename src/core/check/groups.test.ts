import { describe, expect, it } from 'vitest';
import { connectedGroups } from './groups';

const links = (pairs: string[]) => (a: string, b: string) => pairs.includes(`${a}>${b}`);

describe('connectedGroups', () => {
  it('joins nodes that reach each other both ways, through others too, in the order of live', () => {
    const connected = links(['n1>n2', 'n2>n1', 'n2>n3', 'n3>n2', 'n4>n5', 'n5>n4']);
    expect(connectedGroups({ live: ['n1', 'n2', 'n3', 'n4', 'n5'], connected })).toEqual([['n1', 'n2', 'n3'], ['n4', 'n5']]);
  });

  it('keeps apart nodes linked one way only, and leaves out nodes that are not live', () => {
    const connected = links(['n1>n2', 'n2>n3', 'n3>n2']);
    expect(connectedGroups({ live: ['n1', 'n2', 'n3'], connected })).toEqual([['n1'], ['n2', 'n3']]);
    expect(connectedGroups({ live: ['n3'], connected })).toEqual([['n3']]);
  });
});
