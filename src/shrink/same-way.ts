// "Fails the same way": what a shrink candidate must keep of the original finding. Same kind;
// the same register or flag for contract findings; for value findings the same kind of leaf
// ("float in struct in argument"), so shrinking cannot wander off to a different problem.
import { isValueKind, type Finding } from '../check/finding.js';
import { parseLeafPath } from '../model/leaves.js';
import type { CType, Signature } from '../model/types.js';

/** What kind of leaf a mismatch path names, e.g. "float in struct in argument". */
export function leafClass(sig: Signature, path: string): string {
  const p = parseLeafPath(path);
  if (!p) return 'unknown leaf';
  const pointee = p.pointee;
  let t: CType | 'void' | undefined;
  let role: string;
  if (p.root === 'ret') {
    t = sig.ret;
    role = 'return';
  } else {
    const fixed = sig.params.length;
    t = p.root < fixed ? sig.params[p.root]?.type : sig.variadic?.[p.root - fixed]?.type;
    role = p.root < fixed ? 'argument' : 'variadic argument';
  }
  const containers: string[] = [];
  let bitField = false;
  for (const step of p.steps) {
    if (!t || t === 'void') break;
    if (t.kind === 'pointer') t = t.to;
    if ('element' in step && t.kind === 'array') {
      containers.unshift('array');
      t = t.elem;
    } else if ('field' in step && (t.kind === 'struct' || t.kind === 'union')) {
      containers.unshift(t.kind);
      const f = t.fields.find((x) => x.name === step.field);
      bitField = f?.bits !== undefined;
      t = f?.type;
    } else if ('field' in step && t.kind === 'complex') {
      t = { kind: 'scalar', name: t.base };
    }
  }
  if (pointee && t && t !== 'void' && t.kind === 'pointer') t = t.to;
  const leaf = !t || t === 'void' ? 'unknown' : describe(t);
  return [`${leaf}${bitField ? ' bit-field' : ''}${pointee ? ' (pointee)' : ''}`, ...containers, role].join(' in ');
}

function describe(t: CType): string {
  switch (t.kind) {
    case 'scalar': return t.name;
    case 'enum': return 'enum';
    case 'pointer': return 'pointer';
    case 'fnptr': return 'function pointer';
    case 'vector': return `${t.bytes}-byte vector of ${t.elem}`;
    case 'complex': return `_Complex ${t.base}`;
    default: return t.kind;
  }
}

/** The part of a finding that names the problem, beyond its kind. */
export function problemClass(f: Finding, sig: Signature): string {
  switch (f.kind) {
    case 'callee-saved': return f.register ?? '';
    case 'flags': return f.flag ?? '';
    case 'crash': return f.signal ?? '';
    case 'arg':
    case 'return':
    case 'arg-clobbered': return f.path ? leafClass(sig, f.path) : '';
    case 'layout': return f.path?.includes('.') ? 'offsetof' : 'sizeof/alignof';
    case 'compile-error':
    case 'compiler-crash':
    case 'compiler-hang': return f.compiler ? `${f.compiler.side} ${f.compiler.toolchain}` : '';
    default: return '';
  }
}

/** Whether `cand` (on candidate signature `candSig`) shows the problem `orig` showed on `origSig`. */
export function sameWay(orig: Finding, origSig: Signature, cand: Finding, candSig: Signature): boolean {
  if (orig.kind !== cand.kind) return false;
  const want = problemClass(orig, origSig);
  if (isValueKind(orig.kind)) {
    const paths = cand.mismatches?.map((m) => m.path) ?? (cand.path ? [cand.path] : []);
    return paths.some((p) => leafClass(candSig, p) === want);
  }
  return problemClass(cand, candSig) === want;
}
