// Option value parsers: a bad value is a one-line usage error (exit 2).
import { InvalidArgumentError } from 'commander';

export function intOption(name: string, min: number, max: number) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${name} must be an integer, got '${v}'`);
    const n = Number(v);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be in ${min}..${max}, got ${n}`);
    return n;
  };
}

/** Compiler flags as the user wrote them ("-O2 -fno-foo"): split on white space. */
export function splitFlags(s: string | undefined): string[] {
  return (s ?? '').split(/\s+/).filter(Boolean);
}
