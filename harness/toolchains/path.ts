// What is on PATH: found, never assumed.
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function onPath(bin: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      /* not here */
    }
  }
  return false;
}

/** clang-N names on PATH, newest first. */
export function clangVersions(): string[] {
  const found = new Set<string>();
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      for (const f of readdirSync(dir)) if (/^clang-\d+$/.test(f)) found.add(f);
    } catch {
      /* unreadable PATH entry */
    }
  }
  return [...found].sort((a, b) => Number(b.slice(6)) - Number(a.slice(6)));
}

/** Other versions of a driver on PATH (gcc-11 for gcc), newest first. */
export function versionsOnPath(base: string): string[] {
  const found = new Set<string>();
  const re = new RegExp(`^${base.replace(/[.+]/g, '\\$&')}-(\\d+)$`);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      for (const f of readdirSync(dir)) if (re.test(f)) found.add(f);
    } catch {
      /* unreadable PATH entry */
    }
  }
  return [...found].sort((a, b) => Number(b.split('-').pop()) - Number(a.split('-').pop()));
}
