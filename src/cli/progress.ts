// One status line redrawn on stderr, only when stderr is a terminal.
import type { Progress } from '../pipeline/run.js';

export function progressLine(stream: NodeJS.WriteStream): ((p: Progress) => void) & { end(): void } {
  let last = 0;
  let drawn = false;
  const draw = (p: Progress): void => {
    if (!stream.isTTY) return;
    const now = Date.now();
    if (now - last < 100 && p.total !== null && p.checked + p.skipped < p.total && !p.shrinking) return;
    last = now;
    const secs = p.elapsedMs / 1000;
    const rate = secs > 0 ? (p.checked / secs).toFixed(1) : '0';
    const width = 30;
    const frac = p.total ? Math.min(1, (p.checked + p.skipped) / p.total) : 0;
    const bar = p.total ? `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ` : '';
    stream.write(`\r${bar}checked ${p.checked}${p.total ? `/${p.total}` : ''}  skipped ${p.skipped}  findings ${p.findings}${p.shrinking ? `  shrinking ${p.shrinking}` : ''}  ${rate}/s  ${secs.toFixed(0)}s\x1b[K`);
    drawn = true;
  };
  return Object.assign(draw, { end: () => void (drawn && stream.write('\n')) });
}
