// Option value parsers: a bad value is a one-line usage error (exit 2).
import { InvalidArgumentError } from 'commander';
import { parse } from 'shell-quote';
import { UsageError } from '../errors.js';

export function intOption(name: string, min: number, max: number) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} must be an integer, got '${v}'`);
    const n = Number(v);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be in ${min}..${max}, got ${n}`);
    return n;
  };
}

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds from "90", "90s", "5m", "2h", "1h30m" (a duration option's value). */
export function durationOption(name: string, max = 30 * 86400) {
  return (v: string): number => {
    const t = v.trim();
    const parts = /^\d+$/.test(t) ? [[t, t, 's']] : [...t.matchAll(/(\d+)([smhd])/g)];
    if (!parts.length || parts.map((p) => p[0]).join('') !== t)
      throw new InvalidArgumentError(`${name} must be a duration like 90, 90s, 5m, 2h or 1h30m, got '${v}'`);
    const secs = parts.reduce((n, p) => n + Number(p[1]) * UNIT[p[2]!]!, 0);
    if (secs < 1 || secs > max) throw new InvalidArgumentError(`${name} must be between 1 s and ${max} s, got ${secs} s`);
    return secs;
  };
}

/**
 * Compiler flags as a shell would split them ("-O2 -DX='a b'" is two words), never run through a
 * shell: operators, globs and substitutions are usage errors, not silently dropped.
 */
export function splitFlags(s: string | undefined, option = 'flags'): string[] {
  if (!s) return [];
  const words = parse(s, (name) => `$${name}`);
  return words.map((w) => {
    if (typeof w !== 'string') throw new UsageError(`${option}: '${s}' holds a shell operator or pattern; give plain compiler flags`, 'ABIFUZZ_BAD_FLAGS');
    return w;
  });
}

/** --shard i/n: this job's part of n (1 <= i <= n). */
export function shardOption(v: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError(`--shard must be i/n with 1 <= i <= n, got '${v}'`);
  return { index, count };
}
