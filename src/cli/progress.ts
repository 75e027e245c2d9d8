// Progress that fits its place: on a terminal one status line redrawn in place (log-update, cut to
// the terminal's width); off a terminal (CI logs) one greppable line every `every` seconds. The rate
// counts fuzzing only: the time spent shrinking is left out, and the line says so.
import { createLogUpdate } from 'log-update';
import type { Progress } from '../pipeline/run.js';

export interface ProgressDisplay {
  (p: Progress): void;
  end(): void;
}

function line(p: Progress): string {
  const secs = p.elapsedMs / 1000;
  const fuzzSecs = Math.max(0.001, (p.elapsedMs - p.shrinkMs) / 1000);
  const rate = (p.checked / fuzzSecs).toFixed(1);
  const of = p.total ? `/${p.total}` : '';
  return `#${p.checked + p.skipped}${of} sigs, checked ${p.checked}, skipped ${p.skipped}, ${rate}/s (fuzzing only), findings ${p.findings}` +
    `, buckets ${p.buckets}${p.shrinking ? `, shrinking ${p.shrinking}` : ''}, elapsed ${secs.toFixed(0)}s`;
}

export function progressDisplay(stream: NodeJS.WriteStream, every = 10): ProgressDisplay {
  if (stream.isTTY) {
    const draw = createLogUpdate(stream);
    let last = 0;
    const show = (p: Progress): void => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const text = line(p);
      draw(text.length > (stream.columns || 80) - 1 ? `${text.slice(0, (stream.columns || 80) - 2)}…` : text);
    };
    return Object.assign(show, { end: () => draw.done() });
  }
  let next = Date.now() + every * 1000;
  let latest: Progress | null = null;
  const show = (p: Progress): void => {
    latest = p;
    if (Date.now() < next) return;
    next = Date.now() + every * 1000;
    stream.write(`abifuzz: ${line(p)}\n`);
  };
  return Object.assign(show, { end: () => void (latest && stream.write(`abifuzz: ${line(latest)}\n`)) });
}
