import { afterEach, describe, expect, it } from 'vitest';
import type { Controller } from '../controller/controller';
import { useStore } from '../store/store';
import { COMMANDS } from './commands';

/** fakeController records the breakpoints and searches the commands ask for. */
function fakeController() {
  const asked: unknown[] = [];
  const c = { travel: { addBreakpoint: (x: unknown) => asked.push(['bp', x]), stepToNext: (x: unknown) => (asked.push(['next', x]), Promise.resolve()) } };
  return { c: c as unknown as Controller, asked };
}

const run = (id: string, c: Controller) => COMMANDS.find((x) => x.id === id)!.perform(c);

describe('leader commands (L, B)', () => {
  const before = useStore.getState().protocol;
  afterEach(() => useStore.setState({ protocol: before, alerts: [] }));

  it('search for and break on a new leader where the protocol has one', () => {
    useStore.setState({ protocol: 'raft', alerts: [] });
    const { c, asked } = fakeController();
    run('next-leader', c);
    run('leader-bp', c);
    expect(asked).toEqual([
      ['next', { kind: 'leader' }],
      ['bp', { kind: 'leader' }],
    ]);
    expect(useStore.getState().alerts).toEqual([]);
  });

  it('say a leader-free protocol has no leader instead', () => {
    useStore.setState({ protocol: 'leader-free-protocol', alerts: [] });
    const { c, asked } = fakeController();
    for (const id of ['next-leader', 'leader-bp']) {
      useStore.setState({ alerts: [] });
      run(id, c);
      expect(useStore.getState().alerts.map((a) => a.text)).toEqual([expect.stringMatching(/^leader-free-protocol has no leader/)]);
    }
    expect(asked).toEqual([]);
  });
});
