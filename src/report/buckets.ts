// Deduplication: findings grouped into buckets by the problem (target, toolchains and flags, kind,
// what broke, the model's verdict, the failing leaves of the minimal case), so a long run reports
// each distinct problem once with its count and the same problem has the same key in every run.
// The first finding of each exact problem (kind and register, flag, signal or exact leaf class) is
// shrunk; later ones join its bucket without a shrink of their own.
import { isValueKind, type Finding } from '../check/finding.js';
import { declarationWithTypes } from '../emit/declaration.js';
import { bitIntBand, signatureTypes, type CType, type Signature } from '../model/types.js';
import { leafClass, problemClass } from '../shrink/same-way.js';
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

export function typeShape(t: CType): string {
  switch (t.kind) {
    case 'scalar': return t.name;
    case 'enum': return `enum{${t.values.length}}`;
    case 'pointer': return `${typeShape(t.to)}*`;
    case 'fnptr': return 'int (*)(int)';
    case 'array': return `${typeShape(t.elem)}[${t.flexible ? '' : t.count}]`;
    case 'vector': return `${t.elem} vector(${t.bytes})`;
    case 'complex': return `_Complex ${t.base}`;
    case 'bitint': return `${t.unsigned ? 'unsigned ' : ''}_BitInt(${bitIntBand(t.bits)})`; // one problem across a band's widths
    case 'atomic': return `_Atomic(${typeShape(t.of)})`;
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

/** What failed in a (minimal) finding, without run-specific names: its leaves' exact classes, or the compiler's words. */
export function failingLeaves(f: Finding, sig: Signature): string {
  if (isValueKind(f.kind)) {
    const classes = new Set((f.mismatches ?? []).map((m) => leafClass(sig, m.path)));
    return [...classes].sort().join(', ');
  }
  if (f.kind === 'layout') {
    const agg = signatureTypes(sig).find((t) => (t.kind === 'struct' || t.kind === 'union') && f.path?.split('.')[0] === t.name);
    return agg ? typeShape(agg) : '';
  }
  if (f.compiler) return f.compiler.message.split('\n').find((l) => l.trim())!.replace(/\S*\/\S*/g, '<path>').replace(/0x[0-9a-f]+/gi, '<addr>').trim();
  return '';
}

/**
 * A bucket's key: the problem, never the run (no function names, indices or seeds): target, pair and
 * flags, kind, what broke (register, flag, signal, leaf class), the model's verdict when it has one,
 * and the failing leaves of the minimal case. The same bug found from another seed or on another
 * shard lands under the same key.
 */
export function stableKey(pairKey: string, f: Finding, sig: Signature, blame?: Blame): string {
  const what = isValueKind(f.kind) ? '' : problemClass(f, sig);
  const verdict = blame && blame.deviates !== 'neither' ? `${blame.deviates} ${blame.party}` : '';
  return [pairKey, f.kind, what, verdict, failingLeaves(f, sig)].filter((x) => x !== '').join(' | ');
}

export class Buckets {
  private byKey = new Map<string, Bucket>();
  /** Exact kind of problem (kind, register/flag/signal or exact leaf class) → the bucket it first made. */
  private byProblem = new Map<string, Bucket>();

  constructor(private readonly pairKey: string) {}

  /** Files a finding. Returns the new bucket when it is the first of its exact problem (shrink it). */
  add(f: Finding, sig: Signature, caseDir: string): Bucket | null {
    const problem = problemClass(f, sig);
    const pk = `${f.kind}|${problem}`;
    const known = this.byProblem.get(pk);
    if (known) {
      known.count++;
      if (known.functions.length < 5) known.functions.push(f.function);
      return null;
    }
    const b: Bucket = { key: stableKey(this.pairKey, f, sig), kind: f.kind, count: 1, signature: declarationWithTypes(sig), caseDir, problem, functions: [f.function] };
    this.byProblem.set(pk, b);
    this.place(b);
    return b;
  }

  /**
   * The bucket's case was shrunk (or confirmed as it is): its key takes the minimal case and the
   * verdict; a bucket whose key another already has joins it (one deviation, one bucket).
   */
  settle(b: Bucket, minimal: Signature, confirmation: Confirmation | undefined, shrink?: Bucket['shrink'], blame?: Blame, finding?: Finding): void {
    if (this.byKey.get(b.key) === b) this.byKey.delete(b.key);
    Object.assign(b, { signature: declarationWithTypes(minimal) }, confirmation ? { confirmation } : {}, shrink ? { shrink } : {}, blame ? { blame } : {});
    if (finding) b.key = stableKey(this.pairKey, finding, minimal, blame);
    this.place(b);
  }

  private place(b: Bucket): void {
    const there = this.byKey.get(b.key);
    if (!there || there === b) {
      this.byKey.set(b.key, b);
      return;
    }
    there.count += b.count;
    for (const fn of b.functions) if (there.functions.length < 5 && !there.functions.includes(fn)) there.functions.push(fn);
    for (const [k, v] of this.byProblem) if (v === b) this.byProblem.set(k, there);
  }

  list(): Bucket[] {
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }
}
