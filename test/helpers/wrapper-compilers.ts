// Real compilers made to misbehave on one function, for the driver's tests: a folder holding a
// `clang-<N>` that is clang-19 except on a source file containing `marker`, where it really
// crashes (clang's own `#pragma clang __debug crash`) or hangs. Put the folder first on PATH.
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * 'crash' and 'hang' on the marker; `{ hangWith }`: hangs on the marker where the file also holds
 * `hangWith`, crashes where it does not (a blow-up that outlasts the timeout in a big batch and runs
 * out of memory in a small one); `{ crashWith }`: crashes only where the file holds the marker and
 * `crashWith` both (a crash no part of the batch gives alone).
 */
export type Misbehaviour = 'crash' | 'hang' | { hangWith: string } | { crashWith: string };

/** Writes `dir/<name>` and returns the environment that puts it first on PATH. */
export async function wrapperCompiler(dir: string, name: string, marker: string, how: Misbehaviour): Promise<Record<string, string>> {
  await writeFile(join(dir, 'crash.h'), '#pragma clang __debug crash\n');
  const crash = `exec clang-19 "$@" -include ${join(dir, 'crash.h')}`;
  const act = how === 'crash' ? crash : how === 'hang' ? 'exec sleep 600'
    : 'hangWith' in how ? `if grep -qF -- ${shellQuote(how.hangWith)} "$a"; then exec sleep 600; fi; ${crash}`
    : `if grep -qF -- ${shellQuote(how.crashWith)} "$a"; then ${crash}; fi`;
  const script = [
    '#!/bin/sh',
    `# clang-19, except on a .c file holding ${JSON.stringify(marker)}: ${JSON.stringify(how)}`,
    'for a in "$@"; do',
    '  case "$a" in',
    `    *.c) if grep -qF -- ${shellQuote(marker)} "$a" 2>/dev/null; then ${act}; fi ;;`,
    '  esac',
    'done',
    'exec clang-19 "$@"',
    '',
  ].join('\n');
  await writeFile(join(dir, name), script);
  await chmod(join(dir, name), 0o755);
  return { PATH: `${dir}:${process.env.PATH ?? ''}` };
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
