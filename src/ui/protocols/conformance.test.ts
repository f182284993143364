/**
 * UI conformance over the registry: every protocol registered in the core has its own look (a line
 * in registry.ts), and that look covers what the core declares: a role look for each of its roles,
 * a message kind for each of its message types, a request form when it has client operations.
 * A protocol that forgets a part of its look fails here, with a message naming the part. (Without a
 * UI registration a protocol still runs, with the generic look: registry.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { PROTOCOLS } from '../../core/protocols/registry';
import { lookOf, UI_PROTOCOLS } from './registry';
import { NODE_WORD_MAX } from './types';
import { roleLabel } from './words';

describe.each(Object.keys(PROTOCOLS))('the look of %s', (name) => {
  const p = PROTOCOLS[name]!.protocol;

  it('is registered in src/ui/protocols/registry.ts, not derived generically', () => {
    expect(UI_PROTOCOLS[name], `${name} has no UI registration: add its look's line to src/ui/protocols/registry.ts`).toBeDefined();
    expect(lookOf(name).generic).toBe(false);
  });

  it('has a role look for every role its summary reports, and crashed', () => {
    const roles = lookOf(name).roles.map((r) => r.role);
    for (const role of [...(p.roles ?? []), 'crashed']) expect(roles, `${name}'s look has no role look for "${role}"`).toContain(role);
  });

  it(`puts a word of at most ${NODE_WORD_MAX} characters on a node for every role (a node is 120 px wide)`, () => {
    for (const r of lookOf(name).roles) {
      const word = roleLabel(lookOf(name), r.role);
      expect(word.length, `${name}'s role "${r.role}" shows "${word}" on the node: give it a shorter \`short\``).toBeLessThanOrEqual(NODE_WORD_MAX);
    }
  });

  it('classifies every message type it sends onto a kind of its own', () => {
    const look = lookOf(name);
    const kinds = look.messageKinds.map((k) => k.kind);
    for (const type of p.messageTypes ?? []) {
      const kind = look.kindOf({ type });
      expect(kinds, `${name}'s look classifies ${type} as "${kind}"`).toContain(kind);
    }
  });

  it('offers a request form for its client operations', () => {
    expect(lookOf(name).requestForm, `${name} has client ops (${PROTOCOLS[name]!.ops.names.join(', ')}) but no request form`).toBeTruthy();
  });
});
