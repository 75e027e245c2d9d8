// Where each parameter and the return value of a signature live on a target, as rows a person
// reads (and the same as JSON): the location in words and the psABI rule that decided it. Pure.
import type { Abi, AbiOptions } from '../abi/abi.js';
import type { ArgLocation, CallPlan, RegPart, ReturnLocation } from '../abi/location.js';
import { typeName } from '../emit/c-types.js';
import { layoutOf } from '../model/layout.js';
import type { CType, Signature } from '../model/types.js';
import type { Target } from '../targets/target.js';

export interface ExplainRow {
  what: string;
  type: string;
  size: number;
  location: string;
  rule: string;
}

export interface Explained {
  target: string;
  abi: string;
  dialects: string[];
  ok: boolean;
  /** Why the model cannot say, when it cannot. */
  reason?: string;
  rows: ExplainRow[];
  call: { stackBytes: number; calleePops: number; al?: number; homeBytes?: number } | null;
}

const range = (p: RegPart): string => `${p.reg}[${p.from}..${p.to})${p.extend ? ` ${p.extend.kind}-extended to ${p.extend.toBytes} bytes` : ''}`;

export function describeLocation(loc: ArgLocation | ReturnLocation): string {
  switch (loc.kind) {
    case 'void': return '-';
    case 'regs': return loc.parts.map(range).join(', ');
    case 'stack': return `stack +${loc.offset}, ${loc.size} bytes${loc.extend ? ` (${loc.extend.kind}-extended to ${loc.extend.toBytes})` : ''}`;
    case 'split': return `${loc.parts.map(range).join(', ')}, the rest at stack +${loc.stackOffset}`;
    case 'by-ref': return `by reference to a ${loc.copy}-made copy; the pointer in ${describeLocation(loc.pointer)}`;
    case 'sret': return `through memory the caller provides; its address in ${describeLocation(loc.pointer)}${loc.returnedIn ? `, back in ${loc.returnedIn}` : ''}`;
    case 'ignored': return 'nothing passed (ignored)';
  }
}

const why = (loc: ArgLocation | ReturnLocation): string => ('why' in loc ? loc.why : '');
const spell = (t: CType): string => (t.kind === 'struct' || t.kind === 'union' || t.kind === 'enum' ? `${t.kind} ${t.name}` : typeName(t));

/** Where each value of `sig` lives, laid out by `dm` (a compiler's own layouts, for --as). */
export function explain(target: Target, abi: Abi, sig: Signature, opts: AbiOptions, dm = target.dataModel): Explained {
  const base = { target: target.id, abi: abi.title, dialects: [...opts.dialects] };
  const r = abi.planCall(sig, dm, opts);
  if (!r.ok) return { ...base, ok: false, reason: r.reason, rows: [], call: null };
  const plan: CallPlan = r.plan;
  const types = [...sig.params, ...(sig.variadic ?? [])].map((p) => p.type);
  const rows: ExplainRow[] = [];
  if (sig.ret !== 'void') rows.push({ what: 'return', type: spell(sig.ret), size: layoutOf(sig.ret, dm).size, location: describeLocation(plan.ret), rule: why(plan.ret) });
  plan.args.forEach((loc, k) => rows.push({
    what: `${k >= sig.params.length ? 'variadic ' : ''}arg${k}`, type: spell(types[k]!), size: layoutOf(types[k]!, dm).size,
    location: describeLocation(loc), rule: why(loc),
  }));
  const { stackBytes, calleePops, al, homeBytes } = plan;
  return { ...base, ok: true, rows, call: { stackBytes, calleePops, ...(al !== undefined ? { al } : {}), ...(homeBytes !== undefined ? { homeBytes } : {}) } };
}

export function explainText(e: Explained): string {
  const head = `${e.target} (${e.abi})${e.dialects.length ? `, dialects: ${e.dialects.join(', ')}` : ''}`;
  if (!e.ok) return `${head}\n  the model cannot say: ${e.reason}\n`;
  const w = (k: keyof ExplainRow): number => Math.max(...e.rows.map((r) => String(r[k]).length), k.length);
  const cols: (keyof ExplainRow)[] = ['what', 'type', 'location'];
  const line = (r: ExplainRow): string => `  ${cols.map((c) => String(r[c]).padEnd(w(c))).join('  ')}  ${r.rule}`;
  const c = e.call!;
  const call = [`stack area ${c.stackBytes} bytes`, `callee pops ${c.calleePops}`, ...(c.al !== undefined ? [`%al = ${c.al}`] : []), ...(c.homeBytes ? [`home area ${c.homeBytes} bytes`] : [])];
  return [head, `  ${cols.map((k) => k.padEnd(w(k))).join('  ')}  rule`, ...e.rows.map(line), `  call: ${call.join(', ')}`, ''].join('\n');
}
