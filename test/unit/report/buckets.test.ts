import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/check/finding.js';
import type { Signature } from '../../../src/model/types.js';
import { Buckets, shapeOf } from '../../../src/report/buckets.js';

const sigOf = (name: string, fieldName: string, params: number): Signature => ({
  name,
  ret: { kind: 'struct', name: `${name}_s0`, packed: false, fields: [{ name: fieldName, type: { kind: 'scalar', name: 'short' } }] },
  params: Array.from({ length: params }, () => ({ type: { kind: 'scalar', name: 'char' } })),
  variadic: null,
});
const rbx = (fn: string): Finding => ({ kind: 'callee-saved', index: 0, function: fn, detail: '', register: 'rbx' });

describe('shapeOf', () => {
  it('keeps the structure and drops the names', () => {
    expect(shapeOf(sigOf('f1', 'a', 1))).toBe(shapeOf(sigOf('f9', 'zz', 1)));
    expect(shapeOf(sigOf('f1', 'a', 1))).toBe('struct{short}(char)');
    expect(shapeOf(sigOf('f1', 'a', 2))).not.toBe(shapeOf(sigOf('f1', 'a', 1)));
  });
});

describe('Buckets', () => {
  it('files later findings of the same problem into the first one, and only the first is to be shrunk', () => {
    const b = new Buckets('x86_64-linux | gcc -> gcc');
    const first = b.add(rbx('f1'), sigOf('f1', 'a', 3), '/r/f1');
    expect(first).not.toBeNull();
    expect(b.add(rbx('f2'), sigOf('f2', 'a', 5), '/r/f2')).toBeNull();
    expect(b.add({ ...rbx('f3'), register: 'r12' }, sigOf('f3', 'a', 5), '/r/f3')).not.toBeNull();
    b.settle(first!, sigOf('f1', 'a', 0), 'confirmed', { steps: 4, candidates: 90, ms: 1200 });
    const list = b.list();
    expect(list.map((x) => [x.problem, x.count])).toEqual([['rbx', 2], ['r12', 1]]);
    expect(list[0]!.signature).toBe('typedef struct f1_s0 {\n  short a;\n} f1_s0;\nf1_s0 f1(void);');
    expect(list[0]).toMatchObject({ caseDir: '/r/f1', confirmation: 'confirmed', key: 'x86_64-linux | gcc -> gcc | callee-saved | rbx | struct{short}()' });
  });

  it('keeps different problems of one kind apart', () => {
    const b = new Buckets('t');
    const segv = b.add({ ...rbx('f3'), kind: 'crash', signal: 'SIGSEGV', register: undefined }, sigOf('f3', 'a', 4), '/r/f3')!;
    const bus = b.add({ ...rbx('f4'), kind: 'crash', signal: 'SIGBUS', register: undefined }, sigOf('f4', 'a', 5), '/r/f4')!;
    b.settle(segv, sigOf('f3', 'a', 0), 'flaky');
    b.settle(bus, sigOf('f4', 'b', 0), 'confirmed');
    expect(b.list().map((l) => [l.problem, l.confirmation])).toEqual([['SIGBUS', 'confirmed'], ['SIGSEGV', 'flaky']]);
  });
});
