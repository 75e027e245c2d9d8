// abifuzz targets: every target, its ABI, each toolchain (found with its version, or missing with
// the Debian package that provides it) and its runner.
import { execa } from 'execa';
import { runnerFor } from '../../../harness/runners/index.js';
import { findToolchains } from '../../../harness/toolchains/registry.js';
import { TARGETS } from '../../targets/index.js';

interface ToolchainRow { id: string; found: boolean; version?: string; package?: string }

export async function targetsCommand(opts: { json?: boolean }): Promise<number> {
  // One --version per driver (clang-N and clang++-N serve every target): clang takes 0.2 s to say it.
  const versions = new Map<string, Promise<string>>();
  const versionOf = (bin: string): Promise<string> => {
    if (!versions.has(bin)) versions.set(bin, execa(bin, ['--version'], { reject: false }).then((r) => String(r.stdout).split('\n')[0] ?? ''));
    return versions.get(bin)!;
  };
  const rows = [];
  for (const t of Object.values(TARGETS)) {
    const toolchains: ToolchainRow[] = [];
    const found = findToolchains(t);
    if (!found.some((tc) => tc.id === t.toolchains.gcc)) toolchains.push({ id: t.toolchains.gcc, found: false, package: t.toolchains.gccPackage });
    for (const tc of found) toolchains.push({ id: tc.id, found: true, version: await versionOf(tc.bin) });
    if (!found.some((tc) => tc.family === 'clang')) toolchains.push({ id: 'clang-19', found: false, package: 'clang-19' });
    const r0 = runnerFor(t);
    const runner = { id: r0.id, found: r0.available(), package: r0.debianPackage };
    rows.push({ target: t.id, abi: t.abi, dataModel: t.dataModel.name, conventions: t.conventions, extraConventions: t.extraConventions ?? [], runner, toolchains });
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify({ targets: rows }) + '\n');
    return 0;
  }
  for (const r of rows) {
    process.stdout.write(`${r.target}  (${r.abi}, ${r.dataModel})\n`);
    process.stdout.write(`  runner ${r.runner.id}: ${r.runner.found ? 'found' : `missing (Debian package ${r.runner.package})`}\n`);
    if (r.conventions.length || r.extraConventions.length)
      process.stdout.write(`  conventions ${r.conventions.join(' ') || '(none by default)'}${r.extraConventions.length ? `; opt-in (--conventions): ${r.extraConventions.join(' ')}` : ''}\n`);
    for (const tc of r.toolchains)
      process.stdout.write(`  ${tc.id.padEnd(24)} ${tc.found ? tc.version : `missing (Debian package ${tc.package})`}\n`);
  }
  return 0;
}
