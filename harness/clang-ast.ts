// clang's JSON AST of a C file, for reading declarations with a real C front end.
import { spawner } from './process.js';
import { clangVersions } from './toolchains/path.js';

export type AstResult = { ok: true; ast: unknown } | { ok: false; message: string };

/** The newest clang-N on PATH, or null. */
export const newestClang = (): string | null => clangVersions()[0] ?? null;

export async function clangAst(clang: string, targetArgs: string[], file: string): Promise<AstResult> {
  const r = await spawner(1).run(clang, [...targetArgs, '-fsyntax-only', '-Wno-everything', '-Xclang', '-ast-dump=json', file], { timeoutMs: 60_000, phase: 'probe' });
  if (r.exitCode !== 0) return { ok: false, message: r.stderr.split('\n').find((l) => /error/.test(l))?.trim() ?? `${clang} failed` };
  try {
    return { ok: true, ast: JSON.parse(r.stdout) };
  } catch {
    return { ok: false, message: `${clang} printed no JSON AST` };
  }
}
