import { describe, expect, it } from 'vitest';
import { valueFindings } from '../../../src/check/finding.js';
import { parseRunOutput, unfinished } from '../../../src/check/parse.js';
import type { Signature } from '../../../src/model/types.js';

const sig: Signature = { name: 'f3', ret: { kind: 'scalar', name: 'int' }, params: [{ type: { kind: 'scalar', name: 'long' } }], variadic: null };

describe('parseRunOutput', () => {
  const out = [
    'B 3', 'L 0 3 f3_s0 16 8', 'L 1 3 f3_s0 24 8', 'L 0 3 f3_s0.f1 8 0', 'L 1 3 f3_s0.f1 8 0',
    'M 0 3 arg0 0 0102 0201', 'M 1 3 ret 0 0a0b 0000', 'E 3', 'B 4', 'M 0 4 arg1.f2[1].x 2 ff 00', 'garbage line',
  ].join('\n');
  const p = parseRunOutput(out);

  it('reads begin/end markers, mismatches and layouts', () => {
    expect(p.begun).toEqual([3, 4]);
    expect([...p.ended]).toEqual([3]);
    expect(p.mismatches.get(4)).toEqual([{ side: 'callee', path: 'arg1.f2[1].x', offset: 2, expected: 'ff', received: '00' }]);
    expect(p.layouts.get(3)?.get('caller')?.get('f3_s0')).toBe('24 8');
    expect(p.noise).toEqual(['garbage line']);
  });

  it('reads the \\r\\n lines of a Windows program alike', () => {
    const w = parseRunOutput(out.replace(/\n/g, '\r\n'));
    expect(w.mismatches).toEqual(p.mismatches);
    expect(w.layouts).toEqual(p.layouts);
    expect(w.noise).toEqual(['garbage line']);
  });

  it('names the function a crash happened in', () => {
    expect(unfinished(p)).toBe(4);
    expect(unfinished(parseRunOutput('B 1\nE 1\n'))).toBeUndefined();
  });

  it('turns one function into arg, return and layout findings', () => {
    const fs = valueFindings(sig, 3, p);
    expect(fs.map((f) => f.kind)).toEqual(['arg', 'return', 'layout']);
    expect(fs[0]).toMatchObject({ path: 'arg0', expected: '0102', received: '0201' });
    expect(fs[1]).toMatchObject({ path: 'ret', expected: '0a0b', received: '0000' });
    expect(fs[2]).toMatchObject({ path: 'f3_s0', expected: '24 8', received: '16 8' });
    expect(fs[0]!.function).toBe('f3');
  });

  it('makes the caller\'s own arguments, checked after the call, an arg-clobbered finding apart from the return value', () => {
    const run = parseRunOutput(['B 3', 'M 1 3 arg0 0 0102 fefd', 'M 1 3 *arg1.f0 0 07 f8', 'M 1 3 ret@rax 0 10 20', 'M 1 3 ret 0 0a 0b', 'E 3', ''].join('\n'));
    const fs = valueFindings(sig, 3, run);
    expect(fs.map((f) => f.kind)).toEqual(['return', 'arg-clobbered']);
    expect(fs[0]!.mismatches!.map((m) => m.path)).toEqual(['ret@rax', 'ret']);
    expect(fs[1]).toMatchObject({ path: 'arg0', expected: '0102', received: 'fefd' });
    expect(fs[1]!.mismatches!.map((m) => m.path)).toEqual(['arg0', '*arg1.f0']);
    expect(fs[1]!.detail).toContain("the callee changed the caller's argument arg0, *arg1.f0 (passed by reference without a copy?)");
  });

  it('turns contract lines into one finding per kind, naming the register or flag in its own field', () => {
    const run = parseRunOutput([
      'B 3', 'C 3 callee-saved rbx 15c1196d171f5d33 0000000000000001', 'C 3 callee-saved r12 5d47 0001',
      'C 3 flags DF 0 1', 'C 3 stack-align sp 0 8', 'C 3 bogus x 0 1', 'E 3', '',
    ].join('\n'));
    const fs = valueFindings(sig, 3, run);
    expect(fs.map((f) => f.kind)).toEqual(['callee-saved', 'stack-align', 'flags']);
    expect(fs[0]).toMatchObject({ register: 'rbx', expected: '15c1196d171f5d33', received: '0000000000000001' });
    expect(fs[0]!.detail).toContain('r12');
    expect(fs[2]).toMatchObject({ flag: 'DF' });
    expect(fs[1]).toMatchObject({ received: '8' });
  });
});
