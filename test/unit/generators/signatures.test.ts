import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures, withWeights, type Limits } from '../../../generators/index.js';
import { homogeneousAggregate } from '../../../src/abi/shared/homogeneous.js';
import { ilp32armhf, ilp32i386, lp64quad, lp64x86 } from '../../../src/model/data-model.js';
import { layoutOf } from '../../../src/model/layout.js';
import { enumWidth, isAggregate, isIntegerComplex, type CType, type Signature } from '../../../src/model/types.js';
import { batchSources, expectSameSourcesForSameSeed } from '../../helpers/assertions.js';

const dm = lp64x86;

function* typesIn(t: CType): Generator<CType> {
  yield t;
  if (t.kind === 'struct' || t.kind === 'union') for (const f of t.fields) yield* typesIn(f.type);
  if (t.kind === 'array') yield* typesIn(t.elem);
  if (t.kind === 'pointer') yield* typesIn(t.to);
  if (t.kind === 'atomic') yield* typesIn(t.of);
}

const argTypes = (s: Signature): CType[] => [...s.params, ...(s.variadic ?? [])].map((p) => p.type).concat(s.ret === 'void' ? [] : [s.ret]);
const allTypes = (s: Signature): CType[] => argTypes(s).flatMap((t) => [...typesIn(t)]);
const scalarsOf = (t: CType): string[] => [...typesIn(t)].flatMap((x) => (x.kind === 'scalar' ? [x.name] : []));

describe('signature()', () => {
  it('gives byte-identical sources for the same seed, different ones for another seed', () => {
    expectSameSourcesForSameSeed(1234, 60);
    expect(batchSources(1234, 0, 60)).not.toEqual(batchSources(1235, 0, 60));
  });

  it('replays signature i from (seed, path = i) alone', () => {
    const all = generateSignatures(dm, DEFAULT_LIMITS, 99, 0, 50);
    for (const i of [0, 17, 49]) expect(generateSignatures(dm, DEFAULT_LIMITS, 99, i, 1)[0]).toEqual(all[i]);
  });

  it('reaches the ABI corners often', () => {
    const sigs = generateSignatures(dm, DEFAULT_LIMITS, 7, 0, 2000);
    const count = (pred: (s: Signature) => boolean) => sigs.filter(pred).length;
    const aggs = (s: Signature) => allTypes(s).filter(isAggregate);
    const corners = {
      size8: count((s) => aggs(s).some((t) => layoutOf(t, dm).size === 8)),
      size16: count((s) => aggs(s).some((t) => layoutOf(t, dm).size === 16)),
      size17: count((s) => aggs(s).some((t) => layoutOf(t, dm).size === 17)),
      floatOnly: count((s) => aggs(s).some((t) => t.kind === 'struct' && t.fields.length > 0 && t.fields.every((f) => f.type.kind === 'scalar' && (f.type.name === 'float' || f.type.name === 'double')))),
      mixedEightbyte: count((s) => aggs(s).some((t) => t.kind === 'struct' && layoutOf(t, dm).size <= 16 && scalarsOf(t).includes('float') && scalarsOf(t).includes('int'))),
      packedMisaligned: count((s) => aggs(s).some((t) => layoutOf(t, dm).fields.some((f) => f.field.bits === undefined && f.bitOffset % (layoutOf(f.field.type, dm).align * 8) !== 0))),
      aligned16Member: count((s) => aggs(s).some((t) => t.kind !== 'union' && t.fields.some((f) => (f.aligned ?? 0) >= 16 || layoutOf(f.type, dm).align >= 16))),
      emptyish: count((s) => aggs(s).some((t) => t.fields.length > 0 && t.fields.every((f) => f.bits === 0))),
      unionFloatInt: count((s) => aggs(s).some((t) => t.kind === 'union' && scalarsOf(t).some((n) => n === 'float' || n === 'double') && scalarsOf(t).some((n) => n === 'int' || n === 'long'))),
      bigAfterRegs: count((s) => s.params.slice(6).some((p) => p.type.kind === 'scalar' && (p.type.name === 'long double' || p.type.name.includes('__int128')))),
      spill: count((s) => s.params.length >= 9),
      variadic: count((s) => s.variadic !== null),
      bitfields: count((s) => aggs(s).some((t) => t.fields.some((f) => (f.bits ?? 0) > 0))),
      vectors: count((s) => allTypes(s).some((t) => t.kind === 'vector')),
      complex: count((s) => allTypes(s).some((t) => t.kind === 'complex')),
      voidReturn: count((s) => s.ret === 'void'),
    };
    for (const [corner, n] of Object.entries(corners)) expect(n, `${corner} reached ${n} times in 2000`).toBeGreaterThanOrEqual(10);
  });
});

describe('types drawn by their own weight', () => {
  const zoo: Record<string, (s: Signature) => boolean> = {
    bf16: (s) => allTypes(s).some((t) => t.kind === 'scalar' && t.name === '__bf16'),
    'int-complex': (s) => allTypes(s).some(isIntegerComplex),
    'wide-enum': (s) => allTypes(s).some((t) => t.kind === 'enum' && enumWidth(t) === 8),
    'long-bitfield': (s) => allTypes(s).some((t) => isAggregate(t) && t.fields.some((f) => f.bits !== undefined && f.type.kind === 'scalar' && (f.type.name === 'long' || f.type.name === 'unsigned long'))),
    'enum-bitfield': (s) => allTypes(s).some((t) => isAggregate(t) && t.fields.some((f) => f.bits !== undefined && f.type.kind === 'enum')),
    fnptr: (s) => allTypes(s).some((t) => t.kind === 'fnptr'),
    bitint: (s) => allTypes(s).some((t) => t.kind === 'bitint'),
    fam: (s) => allTypes(s).some((t) => t.kind === 'array' && t.flexible === true),
    atomic: (s) => allTypes(s).some((t) => t.kind === 'atomic'),
    // A union of only bit-fields with a long long one of 33..63 bits (the default stream has none).
    'union-bitfield': (s) => allTypes(s).some((t) => t.kind === 'union' && t.fields.every((f) => f.bits !== undefined) && t.fields.some((f) => f.type.kind === 'scalar' && f.type.name.endsWith('long long') && f.bits! > 32 && f.bits! < 64) && t.fields.some((f) => f.bits! > 0 && f.bits! <= 32)),
    hva: (s) => argTypes(s).some((t) => homogeneousAggregate(t, lp64quad(16, true), { baseType: (b) => (b.kind === 'vector' ? { name: `v${b.bytes}`, size: b.bytes } : null), maxMembers: 4, zeroLengthArray: 'vanish' })?.base.name.startsWith('v') === true),
  };

  it('are never drawn by default, and a default stream is the same whatever they would weigh when off', () => {
    const plain = generateSignatures(dm, DEFAULT_LIMITS, 7, 0, 1000);
    // HVAs happen by chance too (rarely): only the others are never drawn.
    for (const [name, has] of Object.entries(zoo)) if (name !== 'hva') expect(plain.filter(has).length, name).toBe(0);
    const zeroed = withWeights(DEFAULT_LIMITS, 'bf16=0,int-complex=0,wide-enum=0,long-bitfield=0,enum-bitfield=0,hva=0,fnptr=0,bitint=0,fam=0,atomic=0,union-bitfield=0') as Limits;
    expect(generateSignatures(dm, zeroed, 7, 0, 200)).toEqual(plain.slice(0, 200));
  });

  it('are drawn once weighted', () => {
    const lim = withWeights(DEFAULT_LIMITS, 'bf16=4,int-complex=1,wide-enum=1,long-bitfield=1,enum-bitfield=1,hva=2,fnptr=1,bitint=1,fam=1,atomic=1,union-bitfield=2') as Limits;
    const sigs = generateSignatures(dm, lim, 7, 0, 1000);
    for (const [name, has] of Object.entries(zoo)) expect(sigs.filter(has).length, name).toBeGreaterThan(20);
    const byChance = generateSignatures(dm, DEFAULT_LIMITS, 7, 0, 1000).filter(zoo.hva!).length;
    expect(sigs.filter(zoo.hva!).length).toBeGreaterThan(5 * byChance);
  });

  it('_BitInt comes in three bands of width, only those the pair accepts, signed ones at least 2 bits wide', () => {
    const lim = withWeights(DEFAULT_LIMITS, 'bitint=4') as Limits;
    const widths = (l: Limits): CType[] => generateSignatures(dm, l, 7, 0, 600).flatMap(allTypes).filter((t) => t.kind === 'bitint');
    const all = widths(lim) as Extract<CType, { kind: 'bitint' }>[];
    const band = (lo: number, hi: number): number => all.filter((t) => t.bits >= lo && t.bits <= hi).length;
    expect([band(1, 64), band(65, 128), band(129, 256)].every((n) => n > 30), `${band(1, 64)}, ${band(65, 128)}, ${band(129, 256)}`).toBe(true);
    expect(all.some((t) => !t.unsigned && t.bits < 2)).toBe(false);
    expect(all.some((t) => t.unsigned) && all.some((t) => !t.unsigned)).toBe(true);
    const narrow = widths({ ...lim, bitIntMax: 128 }) as Extract<CType, { kind: 'bitint' }>[];
    expect(narrow.length).toBeGreaterThan(30);
    expect(Math.max(...narrow.map((t) => t.bits))).toBeLessThanOrEqual(128);
    expect(widths({ ...lim, bitIntMax: 0 })).toEqual([]);
    // Through `...` too (not promoted in C23), within the same bands.
    const variadic = generateSignatures(dm, { ...lim, weights: { ...lim.weights, variadic: 8 }, bitIntMax: 128 }, 7, 0, 300).flatMap((s) => (s.variadic ?? []).map((p) => p.type));
    const vb = variadic.filter((t): t is Extract<CType, { kind: 'bitint' }> => t.kind === 'bitint');
    expect(vb.length).toBeGreaterThan(20);
    expect(Math.max(...vb.map((t) => t.bits))).toBeLessThanOrEqual(128);
  });

  it('float-n, float128 and bf16-vector: never by default, drawn once weighted, on the targets that have them', () => {
    const has: Record<string, (s: Signature) => boolean> = {
      'float-n': (s) => allTypes(s).some((t) => t.kind === 'scalar' && ['_Float32', '_Float64', '_Float32x', '_Float64x'].includes(t.name)),
      float128: (s) => allTypes(s).some((t) => t.kind === 'scalar' && (t.name === '__float128' || t.name === '_Float128')),
      'bf16-vector': (s) => allTypes(s).some((t) => t.kind === 'vector' && t.elem === '__bf16'),
    };
    const plain = generateSignatures(dm, DEFAULT_LIMITS, 7, 0, 1000);
    const zeroed = withWeights(DEFAULT_LIMITS, 'float-n=0,float128=0,bf16-vector=0') as Limits;
    expect(generateSignatures(dm, zeroed, 7, 0, 200)).toEqual(plain.slice(0, 200));
    const lim = withWeights(DEFAULT_LIMITS, 'float-n=1,float128=1,bf16-vector=4') as Limits;
    const sigs = generateSignatures(dm, lim, 7, 0, 1000);
    for (const [name, p] of Object.entries(has)) {
      expect(plain.filter(p).length, name).toBe(0);
      expect(sigs.filter(p).length, name).toBeGreaterThan(20);
    }
    // aarch64 has no __float128 (only _Float128); armhf no binary128 at all, and i686 no __bf16.
    const quad = generateSignatures(lp64quad(16, true), lim, 7, 0, 300).flatMap(allTypes);
    expect(quad.some((t) => t.kind === 'scalar' && t.name === '__float128')).toBe(false);
    expect(quad.some((t) => t.kind === 'scalar' && t.name === '_Float128')).toBe(true);
    const arm = generateSignatures(ilp32armhf, lim, 7, 0, 300).flatMap(allTypes);
    expect(arm.some((t) => t.kind === 'scalar' && ['_Float64x', '_Float128', '__float128'].includes(t.name))).toBe(false);
    expect(generateSignatures(ilp32i386, lim, 7, 0, 300).filter(has['bf16-vector']!).length).toBe(0);
  });

  it('a flexible array member is only the last field of an argument or return struct with a named member before it', () => {
    const sigs = generateSignatures(dm, withWeights(DEFAULT_LIMITS, 'fam=4') as Limits, 7, 0, 500);
    let seen = 0;
    for (const root of sigs.flatMap(argTypes))
      for (const t of typesIn(root)) {
        if (!isAggregate(t)) continue;
        t.fields.forEach((f, i) => {
          if (f.type.kind !== 'array' || !f.type.flexible) return;
          seen++;
          expect(t === root && t.kind === 'struct' && i === t.fields.length - 1).toBe(true);
          expect(t.fields.slice(0, i).some((g) => g.bits !== 0)).toBe(true);
        });
      }
    expect(seen).toBeGreaterThan(50);
  });

  it('--weights names what is wrong', () => {
    expect(withWeights(DEFAULT_LIMITS, 'bf16')).toMatch(/'bf16' is not name=N/);
    expect(withWeights(DEFAULT_LIMITS, 'nope=1')).toMatch(/unknown weight 'nope'/);
    expect(withWeights(DEFAULT_LIMITS, 'variadic=11')).toMatch(/at most 10/);
  });
});
