// abifuzz explain: where each parameter and the return value of a function live on the chosen
// targets, by the psABI model, with the rule that decided each. From a saved case (its signature is
// data) or from a C file, which clang's own front end parses.
import { stat } from 'node:fs/promises';
import { clangAst, newestClang } from '../../../harness/clang-ast.js';
import { UsageError } from '../../errors.js';
import { signatureFromAst, type AstNode } from '../../explain/from-clang-ast.js';
import { explain, explainText, type Explained } from '../../explain/table.js';
import type { Signature } from '../../model/types.js';
import { abiOf, hostTarget, TARGETS, targetById } from '../../targets/index.js';
import type { Target } from '../../targets/target.js';
import { loadCase } from './replay.js';
import { layoutOfCompiler } from '../../pipeline/model.js';

export interface ExplainOptions {
  target?: string;
  function?: string;
  as?: string;
  features?: string;
  json?: boolean;
}

function targetsOf(spec: string | undefined, fallback: string): Target[] {
  if (spec === 'all') return Object.values(TARGETS);
  return (spec ?? fallback).split(',').map((t) => targetById(t.trim()));
}

async function fromC(file: string, name: string | undefined, target: Target): Promise<Signature> {
  const clang = newestClang();
  if (!clang) throw new UsageError('explain reads C with clang: install the Debian package clang-19', 'ABIFUZZ_MISSING_TOOLCHAIN');
  const r = await clangAst(clang, target.toolchains.clangArgs, file);
  if (!r.ok) throw new UsageError(`${file}: ${r.message}`, 'ABIFUZZ_BAD_DECLARATION');
  const tu = r.ast as AstNode;
  const fname = name ?? [...(tu.inner ?? [])].reverse().find((n) => n.kind === 'FunctionDecl' && !n.isImplicit)?.name;
  if (!fname) throw new UsageError(`${file}: no function declared`, 'ABIFUZZ_BAD_DECLARATION');
  const p = signatureFromAst(tu, fname);
  if (!p.ok) throw new UsageError(`${file}: ${p.reason}`, 'ABIFUZZ_BAD_DECLARATION');
  return p.sig;
}

export async function explainCommand(input: string, opts: ExplainOptions): Promise<number> {
  const isCase = input.endsWith('.json') || (await stat(input).then((s) => s.isDirectory()).catch(() => false));
  try {
    await stat(input);
  } catch {
    throw new UsageError(`not found: ${input}`, 'ABIFUZZ_CASE_MISSING');
  }
  const saved = isCase ? (await loadCase(input)).c : null;
  const targets = targetsOf(opts.target, saved?.target ?? hostTarget());
  const features = new Set((opts.features ?? '').split(',').map((f) => f.trim()).filter(Boolean));
  const out: Explained[] = [];
  for (const t of targets) {
    const sig = saved ? saved.signature : await fromC(input, opts.function, t);
    const abi = abiOf(t, sig);
    const dialects = new Set(opts.as ? (abi.dialectsOf?.(opts.as) ?? []) : []);
    out.push(explain(t, abi, sig, { features, dialects }, opts.as ? layoutOfCompiler(t, opts.as, features) : t.dataModel));
  }
  if (opts.json) process.stdout.write(JSON.stringify({ explained: out }) + '\n');
  else process.stdout.write(out.map(explainText).join('\n'));
  return 0;
}
