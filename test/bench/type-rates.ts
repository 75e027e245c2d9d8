// npm run type-rates: how often each kind of type the weights draw appears, per target, over N
// signatures of one seed (a signature counts once per kind it holds anywhere).
// Usage: node dist/test/bench/type-rates.js [count] [seed] [weights, as fuzz --weights]
import { DEFAULT_LIMITS, generateSignatures, withWeights } from '../../generators/index.js';
import { homogeneousAggregate } from '../../src/abi/shared/homogeneous.js';
import { enumWidth, FLOAT_128, FLOAT_N, hasFlexibleArray, isAggregate, isIntegerComplex, type CType, type Signature } from '../../src/model/types.js';
import { TARGETS } from '../../src/targets/index.js';

const count = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const spec = process.argv[4] ?? 'int-complex=1,wide-enum=1,bf16=4,long-bitfield=1,enum-bitfield=1,hva=2,fnptr=1,bitint=1';
const limits = withWeights(DEFAULT_LIMITS, spec);
if (typeof limits === 'string') throw new Error(limits);

function* typesIn(t: CType): Generator<CType> {
  yield t;
  if (isAggregate(t)) for (const f of t.fields) yield* typesIn(f.type);
  if (t.kind === 'array') yield* typesIn(t.elem);
  if (t.kind === 'pointer') yield* typesIn(t.to);
}
const roots = (s: Signature): CType[] => [...s.params, ...(s.variadic ?? [])].map((p) => p.type).concat(s.ret === 'void' ? [] : [s.ret]);
const all = (s: Signature): CType[] => roots(s).flatMap((t) => [...typesIn(t)]);
const bitfieldOf = (s: Signature, ok: (t: CType) => boolean): boolean => all(s).some((t) => isAggregate(t) && t.fields.some((f) => f.bits !== undefined && ok(f.type)));

const KINDS: Record<string, (s: Signature, dm: (typeof TARGETS)[string]['dataModel']) => boolean> = {
  'int-complex': (s) => all(s).some(isIntegerComplex),
  'wide-enum': (s) => all(s).some((t) => t.kind === 'enum' && enumWidth(t) === 8),
  bf16: (s) => all(s).some((t) => t.kind === 'scalar' && t.name === '__bf16'),
  'long-bitfield': (s) => bitfieldOf(s, (t) => t.kind === 'scalar' && (t.name === 'long' || t.name === 'unsigned long')),
  'enum-bitfield': (s) => bitfieldOf(s, (t) => t.kind === 'enum'),
  fnptr: (s) => all(s).some((t) => t.kind === 'fnptr'),
  bitint: (s) => all(s).some((t) => t.kind === 'bitint'),
  'bitint 65-128': (s) => all(s).some((t) => t.kind === 'bitint' && t.bits > 64 && t.bits <= 128),
  'bitint >128': (s) => all(s).some((t) => t.kind === 'bitint' && t.bits > 128),
  'float-n': (s) => all(s).some((t) => t.kind === 'scalar' && (FLOAT_N as readonly string[]).includes(t.name)),
  'bf16-vector': (s) => all(s).some((t) => t.kind === 'vector' && t.elem === '__bf16'),
  float128: (s) => all(s).some((t) => t.kind === 'scalar' && (FLOAT_128 as readonly string[]).includes(t.name)),
  fam: (s) => roots(s).some(hasFlexibleArray),
  atomic: (s) => all(s).some((t) => t.kind === 'atomic'),
  'union-bitfield': (s) => all(s).some((t) => t.kind === 'union' && t.fields.filter((f) => f.bits !== undefined).length >= 2 && t.fields.filter((f) => f.bits !== 0).every((f) => f.bits !== undefined)),
  hva: (s, dm) => roots(s).some((t) => homogeneousAggregate(t, dm, {
    baseType: (b) => (b.kind === 'vector' && (b.bytes === 8 || b.bytes === 16) ? { name: `v${b.bytes}`, size: b.bytes } : null),
    maxMembers: 4, zeroLengthArray: 'vanish',
  }) !== null),
};

console.log(`weights ${spec}, seed ${seed}, ${count} signatures per target: signatures holding each kind (default weights in brackets)`);
for (const target of Object.values(TARGETS)) {
  const dm = target.dataModel;
  const weighted = generateSignatures(dm, limits, seed, 0, count);
  const plain = generateSignatures(dm, DEFAULT_LIMITS, seed, 0, count);
  const cells = Object.entries(KINDS).map(([k, has]) => `${k} ${weighted.filter((s) => has(s, dm)).length} [${plain.filter((s) => has(s, dm)).length}]`);
  console.log(`${target.id}: ${cells.join(', ')}`);
}
