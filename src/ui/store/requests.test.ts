/** The request form's list follows the branch the run is on. */
import { describe, expect, it } from 'vitest';
import { useStore } from './store';

describe('requests sent from the form', () => {
  it('a fork forgets the requests it cut, and keeps the others', () => {
    const st = useStore.getState();
    st.noteRequest({ client: 'c1', node: 'n1', op: { f: 'put', key: 'x', value: '1' }, at: 100 });
    st.noteRequest({ client: 'c2', node: 'n2', op: { f: 'get', key: 'x' }, at: 900 });
    useStore.getState().keepRequests(new Set(['c1']));
    expect(useStore.getState().sentRequests.map((r) => r.client)).toEqual(['c1']);
  });
});
