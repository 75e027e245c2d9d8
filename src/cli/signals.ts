// SIGINT and SIGTERM stop a run cleanly: the first one aborts (children are killed, the summary is
// written with interrupted: true); a second one exits at once.
import { Exit } from '../errors.js';

export interface StopSignals {
  signal: AbortSignal;
  /** The exit code the stop asks for (130, 143), or null when nothing stopped the run. */
  exitCode(): number | null;
  dispose(): void;
}

export function stopOnSignals(): StopSignals {
  const ctl = new AbortController();
  let code: number | null = null;
  const on = (name: 'SIGINT' | 'SIGTERM') => (): void => {
    if (ctl.signal.aborted) process.exit(code ?? Exit.interrupted);
    code = name === 'SIGINT' ? Exit.interrupted : Exit.terminated;
    process.stderr.write(`\nabifuzz: ${name}: stopping (again to quit at once)\n`);
    ctl.abort(name);
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: ctl.signal,
    exitCode: () => code,
    dispose() {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
