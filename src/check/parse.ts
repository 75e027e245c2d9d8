// Parse the runtime's line protocol (see harness/runtime/runtime.c) into events per function.
export interface Mismatch {
  side: 'callee' | 'caller';
  path: string;
  offset: number;
  expected: string;
  received: string;
}

/** The kinds of "C" lines harness/runtime/contract.c prints, in the order findings list them. */
export const CONTRACT_KINDS = ['callee-saved', 'stack-pointer', 'stack-align', 'flags'] as const;

/** A broken part of the callee's contract (harness/runtime/contract.c). */
export interface ContractViolation {
  kind: (typeof CONTRACT_KINDS)[number];
  /** The register (callee-saved), flag (flags) or "sp". */
  name: string;
  expected: string;
  received: string;
}

export interface ParsedRun {
  /** Function ids in the order they began. */
  begun: number[];
  ended: Set<number>;
  mismatches: Map<number, Mismatch[]>;
  /** layouts.get(fn).get(side).get(key) = "a b" */
  layouts: Map<number, Map<'callee' | 'caller', Map<string, string>>>;
  contract: Map<number, ContractViolation[]>;
  /** Lines that are not protocol (kept for diagnostics). */
  noise: string[];
}

const sideOf = (s: string): 'callee' | 'caller' => (s === '0' ? 'callee' : 'caller');

function at<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

export function parseRunOutput(stdout: string): ParsedRun {
  const out: ParsedRun = { begun: [], ended: new Set(), mismatches: new Map(), layouts: new Map(), contract: new Map(), noise: [] };
  // A Windows program's stdout is in text mode: its lines end in \r\n.
  for (const line of stdout.split(/\r?\n/)) {
    if (!line) continue;
    const w = line.split(' ');
    switch (w[0]) {
      case 'B':
        out.begun.push(Number(w[1]));
        break;
      case 'E':
        out.ended.add(Number(w[1]));
        break;
      case 'M':
        if (w.length !== 7) break;
        at(out.mismatches, Number(w[2]), () => []).push({
          side: sideOf(w[1]!), path: w[3]!, offset: Number(w[4]), expected: w[5]!, received: w[6]!,
        });
        break;
      case 'L':
        if (w.length !== 6) break;
        at(at(out.layouts, Number(w[2]), () => new Map()), sideOf(w[1]!), () => new Map()).set(w[3]!, `${w[4]} ${w[5]}`);
        break;
      case 'C':
        if (w.length !== 6 || !(CONTRACT_KINDS as readonly string[]).includes(w[2]!)) break;
        at(out.contract, Number(w[1]), () => []).push({
          kind: w[2] as ContractViolation['kind'], name: w[3]!, expected: w[4]!, received: w[5]!,
        });
        break;
      default:
        out.noise.push(line);
    }
  }
  return out;
}

/** The function that began last and never ended: the one a crash or hang happened in. */
export function unfinished(p: ParsedRun): number | undefined {
  for (let i = p.begun.length - 1; i >= 0; i--) if (!p.ended.has(p.begun[i]!)) return p.begun[i];
  return undefined;
}
