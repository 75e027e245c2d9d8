// Deduplication: findings grouped into buckets by (target, toolchains and flags, kind, what broke,
// shape of the minimal signature), so a long run reports each distinct problem once with its count.
// The first finding of each kind of problem (kind and what broke: register, flag, signal, or for
// values the leaf's family, aggregate or not, and role) is shrunk; later ones of the same kind of
// problem join its bucket without a shrink of their own.
import type { Finding } from '../check/finding.js';
import { declarationWithTypes } from '../emit/declaration.js';
import type { CType, Signature } from '../model/types.js';
import { leafFamily, problemClass } from '../shrink/same-way.js';
import type { Confirmation } from '../shrink/types.js';

/** Who leaves the psABI, by the model: the finding's caller, its callee, both, or neither. */
export interface Blame {
  deviates: 'caller' | 'callee' | 'both' | 'neither';
  /** The toolchain(s) that deviate, with flags. */
  party: string;
  /** What the deviating side did against the model, and where the model puts the value. */
  detail: string;
  /** The psABI rule that placed the failing argument or return value (the model's `why`). */
  rule: string;
}

export interface Bucket {
  key: string;
  kind: Finding['kind'];
  /** Findings in the bucket. */
  count: number;
  /** The minimal declaration (the original one until, or unless, it is shrunk). */
  signature: string;
  caseDir: string;
  /** What broke: register, flag, leaf class, signal. */
  problem: string;
  confirmation?: Confirmation;
  shrink?: { steps: number; candidates: number; ms: number };
  /** The first few functions that fell in it. */
  functions: string[];
  /** Which side leaves the psABI, when the model covers the target. */
  blame?: Blame;
  /** Run time when its first finding was confirmed by the batch, and when its minimal case was written. */
  foundAfterMs?: number;
  minimalAfterMs?: number;
}

/** A declaration's structure without its names: what two findings share when they are one problem. */
export function shapeOf(sig: Signature): string {
  const params = sig.params.map((p) => typeShape(p.type));
  if (sig.variadic) params.push(`...(${sig.variadic.map((p) => typeShape(p.type)).join(', ')})`);
  const cc = sig.convention ? `${sig.convention} ` : '';
  return `${cc}${sig.ret === 'void' ? 'void' : typeShape(sig.ret)}(${params.join(', ')})`;
}

function typeShape(t: CType): string {
  switch (t.kind) {
    case 'scalar': return t.name;
    case 'enum': return `enum{${t.values.length}}`;
    case 'pointer': return `${typeShape(t.to)}*`;
    case 'array': return `${typeShape(t.elem)}[${t.count}]`;
    case 'vector': return `${t.elem} vector(${t.bytes})`;
    case 'complex': return `_Complex ${t.base}`;
    case 'struct':
    case 'union': {
      const attrs = [t.packed ? 'packed' : '', t.aligned ? `aligned(${t.aligned})` : ''].filter(Boolean).join(',');
      const fields = t.fields.map((f) => {
        const fa = [f.packed ? 'packed' : '', f.aligned ? `aligned(${f.aligned})` : ''].filter(Boolean).join(',');
        return `${typeShape(f.type)}${f.bits !== undefined ? `:${f.bits}` : ''}${fa ? ` [${fa}]` : ''}`;
      });
      return `${t.kind}${attrs ? ` [${attrs}]` : ''}{${fields.join('; ')}}`;
    }
  }
}

export class Buckets {
  private byKey = new Map<string, Bucket>();
  /** Kind of problem → its bucket (the one being or already shrunk). */
  private byProblem = new Map<string, Bucket>();

  constructor(private readonly pairKey: string) {}

  /** Files a finding. Returns the new bucket when it is the first of its kind of problem (shrink it). */
  add(f: Finding, sig: Signature, caseDir: string): Bucket | null {
    const exact = problemClass(f, sig);
    const problem = f.kind === 'arg' || f.kind === 'return' ? leafFamily(exact) : exact;
    const pk = `${f.kind}|${problem}`;
    const known = this.byProblem.get(pk);
    if (known) {
      known.count++;
      if (known.functions.length < 5) known.functions.push(f.function);
      return null;
    }
    const b: Bucket = { key: '', kind: f.kind, count: 1, signature: declarationWithTypes(sig), caseDir, problem, functions: [f.function] };
    this.byProblem.set(pk, b);
    this.rekey(b, sig);
    return b;
  }

  /** The bucket's case was shrunk (or confirmed as it is): its key takes the minimal shape. */
  settle(b: Bucket, minimal: Signature, confirmation: Confirmation | undefined, shrink?: Bucket['shrink'], blame?: Blame): void {
    this.byKey.delete(b.key);
    Object.assign(b, { signature: declarationWithTypes(minimal) }, confirmation ? { confirmation } : {}, shrink ? { shrink } : {}, blame ? { blame } : {});
    this.rekey(b, minimal);
  }

  private rekey(b: Bucket, sig: Signature): void {
    // (kind, problem) is already unique among buckets, so keys never collide.
    const verdict = b.blame ? `${b.blame.deviates} ${b.blame.party}` : '';
    b.key = [this.pairKey, b.kind, b.problem, ...(verdict ? [verdict] : []), shapeOf(sig)].join(' | ');
    this.byKey.set(b.key, b);
  }

  list(): Bucket[] {
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
}
