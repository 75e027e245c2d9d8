// wine as a runner: one private prefix, created once and reused; a `wineserver -p60` started
// detached (otherwise each run after 3 s idle pays a 0.7 s cold start) that exits on its own a
// minute after its last program. It is never killed: `wineserver -k` also kills the programs of
// every other abifuzz run or test sharing the prefix, which then exit 0 with no output; output read
// from a file (wine's background processes inherit pipes and stall a reader for ~3 s); the
// crash debugger turned off.
import { execa } from 'execa';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { onPath } from '../toolchains/path.js';
import type { Runner } from './runner.js';

/** Seconds the server outlives its last program: longer than any gap between two batches' runs. */
const LINGER_S = 60;

export function wine(): Runner {
  const prefix = process.env.ABIFUZZ_WINEPREFIX ?? join(os.homedir(), '.cache', 'abifuzz', 'wine-prefix');
  const env = { WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'winedbg.exe=d;mscoree,mshtml=' };
  let started = false;
  return {
    id: 'wine',
    debianPackage: 'wine',
    available: () => onPath('wine') && onPath('wineserver'),
    command: (exe) => ['wine', [exe]],
    env,
    outputToFile: true,
    async prepare() {
      if (started) return;
      started = true;
      if (!existsSync(join(prefix, 'system.reg'))) {
        mkdirSync(prefix, { recursive: true });
        await execa('wineboot', ['-i'], { env, reject: false, stdio: 'ignore', timeout: 180_000 });
      }
      const server = execa('wineserver', [`-p${LINGER_S}`], { env, detached: true, stdio: 'ignore', reject: false });
      server.unref();
    },
  };
}
