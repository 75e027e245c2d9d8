// abifuzz targets: every target with its runner and toolchains, found (with a version) or missing (with a package).
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface Row { target: string; abi: string; runner: { id: string; found: boolean }; toolchains: { id: string; found: boolean; version?: string; package?: string }[] }

describe('abifuzz targets', () => {
  it('lists every target, its runner and its toolchains with versions', async () => {
    const r = await runCli(['targets', '--json']);
    expect(r.exitCode).toBe(0);
    const rows = (JSON.parse(r.stdout) as { targets: Row[] }).targets;
    expect(rows.map((x) => x.target)).toEqual(['x86_64-linux', 'i686-linux', 'aarch64-linux', 'riscv64-linux', 'armhf-linux', 'x86_64-windows']);
    for (const row of rows) {
      expect(row.runner.found, `${row.target} runner ${row.runner.id}`).toBe(true);
      const found = row.toolchains.filter((t) => t.found);
      expect(found.map((t) => t.id)).toContain('clang-19');
      for (const t of found) expect(t.version, t.id).toMatch(/\d+(\.\d+|-win32)/);
    }
    const win = rows.find((x) => x.target === 'x86_64-windows')!;
    expect(win.toolchains.map((t) => t.id)).toEqual(expect.arrayContaining(['x86_64-w64-mingw32-gcc', 'clang-19', 'clang-cl-19']));
    const text = await runCli(['targets']);
    expect(text.stdout).toMatch(/aarch64-linux-gnu-gcc +aarch64-linux-gnu-gcc \(Debian/);
  });
});
