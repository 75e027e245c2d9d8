// abifuzz targets: every target, its ABI, and the toolchains found for it.
import { execa } from 'execa';
import { TARGETS } from '../../targets/index.js';

export async function targetsCommand(opts: { json?: boolean }): Promise<number> {
  const rows = [];
  for (const t of Object.values(TARGETS)) {
    const toolchains = [];
    for (const tc of t.findToolchains()) {
      const r = await execa(tc.bin, ['--version'], { reject: false });
      toolchains.push({ id: tc.id, found: true, version: String(r.stdout).split('\n')[0] ?? '' });
    }
    rows.push({ target: t.id, abi: t.abi, dataModel: t.dataModel.name, runner: t.runner.id, toolchains });
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify({ targets: rows }) + '\n');
    return 0;
  }
  for (const r of rows) {
    process.stdout.write(`${r.target}  (${r.abi}, ${r.dataModel}, runner: ${r.runner})\n`);
    if (!r.toolchains.length) process.stdout.write('  no toolchain found (install gcc or clang-19)\n');
    for (const tc of r.toolchains) process.stdout.write(`  ${tc.id.padEnd(12)} ${tc.version}\n`);
  }
  return 0;
}
