// repro.sh: builds and runs one finding with its toolchains, flags and runner, decodes what the
// runtime printed, and exits 1 while the problem reproduces. Needs neither abifuzz nor Node.
import { CRASH_PATTERN } from '../../harness/build.js';
import { WINDOWS_EXCEPTIONS } from '../../harness/run.js';
import { sideLabel } from '../../harness/toolchains/toolchain.js';
import type { CaseContext } from './case-context.js';
import type { CaseFile } from './case-schema.js';
import { commandsFor, compileCommand, runnerEnv, shLine, shq, where } from './repro-commands.js';

// Decodes the runtime's lines (harness/runtime/runtime.c, contract.c) into words; exits 1 when
// anything disagreed. No single quotes inside: it is passed to awk in one.
const DECIDE_AWK = `
$1 == "M" && NF == 7 {
  n++; from = ($5 == "0") ? "" : " from byte " $5
  who = ($2 == 0) ? " (read by the callee)" : ($4 ~ /^[*]*arg[0-9]/) ? " (checked by the caller after the call: its own argument object changed)" : " (read by the caller)"
  print "mismatch: " $4 from ": expected " $6 " received " $7 who
  next
}
$1 == "C" && NF == 6 {
  n++
  if ($3 == "callee-saved") print "callee-saved register " $4 ": expected " $5 " received " $6 " after the call"
  else if ($3 == "stack-pointer") print "stack pointer: the callee popped 0x" $6 " bytes, expected 0x" $5
  else if ($3 == "stack-align") print "stack-align: sp at the callee entry modulo the ABI alignment is 0x" $6 ", expected 0"
  else print "flag " $4 ": expected " $5 " received " $6
  next
}
$1 == "L" && NF == 6 { v[$2, $4] = $5 " " $6; keys[$4] = 1 }
END {
  for (k in keys) if (((0, k) in v) && ((1, k) in v) && v[0, k] != v[1, k]) {
    n++
    if (index(k, ".")) { split(v[0, k], a, " "); split(v[1, k], b, " "); print "layout: offsetof " k ": callee " a[1] ", caller " b[1] }
    else print "layout: sizeof alignof " k ": callee " v[0, k] ", caller " v[1, k]
  }
  exit n > 0
}`;

/** repro.sh of a compiler finding: the one compile (or, for compile-error, both) and the verdict. */
function compilerReproSh(ctx: CaseContext, cf: CaseFile): string {
  const f = cf.finding;
  const ev = f.compiler!;
  const side = ev.side === 'caller' ? ctx.caller : ctx.callee;
  const other = ev.side === 'caller' ? ctx.callee : ctx.caller;
  const head = [
    '#!/bin/sh',
    `# abifuzz reproducer: ${f.kind} in ${f.function}; ${where(ctx, cf.shrinkPath)}.`,
    `# Compiles ${ev.file} as the finding did. Exit 1: the problem reproduces; 0: it is gone.`,
    '# Usable as a C-Reduce/cvise interestingness test after inverting: it needs only the compiler(s).',
    'cd "$(dirname "$0")"',
    'limit=',
    'if command -v timeout >/dev/null 2>&1; then limit="timeout -k 5 300"; fi',
  ];
  if (f.kind === 'compile-error')
    return [
      ...head,
      `if $limit ${shLine(compileCommand(side, ev.file))} >rejecter.log 2>&1; then echo "no mismatch: ${sideLabel(side)} accepts ${ev.file} now"; exit 0; fi`,
      `if ! $limit ${shLine(compileCommand(other, ev.file))} >accepter.log 2>&1; then echo "both reject ${ev.file} now:"; cat accepter.log; exit 0; fi`,
      `echo "${sideLabel(side)} rejects what ${sideLabel(other)} accepts:"`,
      'cat rejecter.log',
      'exit 1',
      '',
    ].join('\n');
  return [
    ...head,
    'status=0',
    `$limit ${shLine(compileCommand(side, ev.file))} >build.log 2>&1 || status=$?`,
    `if grep -Eiq ${shq(CRASH_PATTERN)} build.log || { [ "$status" -gt 128 ] && [ "$status" != 137 ]; }; then`,
    `  echo "${sideLabel(side)} crashes compiling ${ev.file}:"; head -n 30 build.log; exit 1`,
    'fi',
    'if [ "$status" = 124 ] || [ "$status" = 137 ]; then echo "the compiler still runs after 300 s: it hangs"; exit 1; fi',
    `echo "${sideLabel(side)} no longer crashes or hangs on ${ev.file} (exit $status)"`,
    'exit 0',
    '',
  ].join('\n');
}

export function reproSh(ctx: CaseContext, cf: CaseFile): string {
  const f = cf.finding;
  if (f.compiler) return compilerReproSh(ctx, cf);
  const path = cf.shrinkPath;
  const c = commandsFor(ctx);
  const runner = ctx.runner;
  const env = runnerEnv(runner.env).map((e) => `export ${e}`);
  // wine makes its prefix on first use (about 6 s), so a fresh machine needs no set-up.
  // Windows programs under wine end with an exception code, not a signal (harness/run.ts).
  const crashed = runner.outputToFile
    ? [
      `  case $status in ${Object.entries(WINDOWS_EXCEPTIONS).map(([code, name]) => `${code}) what=${name} ;;`).join(' ')} *) what="exit code $status" ;; esac`,
      '  echo "crash: $what"',
    ]
    : [
      '  if [ "$status" -gt 128 ]; then echo "crash: killed by SIG$(kill -l $((status - 128)))"; else echo "crash: exited with code $status"; fi',
    ];
  return [
    '#!/bin/sh',
    `# abifuzz reproducer: ${f.kind} finding in ${f.function}; ${where(ctx, path)}.`,
    '# Builds this folder with the toolchains and flags of the finding, runs it and says what disagreed.',
    '# Exit 1: the problem reproduces; 0: it is gone; 2: cannot tell (the build failed).',
    '# Needs only the toolchains and the runner (no node, no abifuzz); works on a copy of this folder.',
    'set -e',
    'cd "$(dirname "$0")"',
    ...env,
    '',
    '# step <what> <argv...>: one build step; on failure, its command and errors.',
    'step() {',
    '  what=$1; shift',
    '  if "$@" 2>build.err; then return 0; fi',
    '  echo "$what failed: $*"; cat build.err',
    '  return 1',
    '}',
    'pair_failed() { echo "cannot tell: the build failed"; exit 2; }',
    ...c.callee.map((argv) => `step ${shq(`callee (${sideLabel(ctx.callee)})`)} ${shLine(argv)} || pair_failed`),
    ...c.caller.map((argv) => `step ${shq(`caller (${sideLabel(ctx.caller)})`)} ${shLine(argv)} || pair_failed`),
    ...c.runtime.map((r) => `step ${shq(`runtime ${r.src}`)} ${shLine(r.argv)} || { echo "cannot tell: the runtime did not build"; exit 2; }`),
    `step link ${shLine(c.link)} || pair_failed`,
    '',
    '# Output to a file, never a pipe (wine\'s background processes would hold a pipe open).',
    'limit=',
    'if command -v timeout >/dev/null 2>&1; then limit="timeout -k 5 60"; fi',
    'status=0',
    `$limit ${shLine(c.run)} >output.txt 2>run.err </dev/null || status=$?`,
    'found=0',
    `awk '${DECIDE_AWK}' output.txt || found=1`,
    'if [ "$status" = 124 ] && [ -n "$limit" ]; then',
    '  echo "hang: no return within 60 s"; found=1',
    'elif [ "$status" != 0 ]; then',
    ...crashed,
    '  found=1',
    'fi',
    'if [ $found = 1 ]; then echo "the problem reproduces (program output: output.txt)"; exit 1; fi',
    'echo "no mismatch: the problem is gone"',
    'exit 0',
    '',
  ].join('\n');
}
