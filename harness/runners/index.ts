// The runner of a target, made once per target (wine keeps one prefix and one server).
import type { Target } from '../../src/targets/target.js';
import { native, nativeOrQemu, qemu } from './linux.js';
import type { Runner } from './runner.js';
import { wine } from './wine.js';

export type { Runner } from './runner.js';

const made = new Map<string, Runner>();

export function runnerFor(t: Target): Runner {
  let r = made.get(t.id);
  if (!r) made.set(t.id, (r = makeRunner(t)));
  return r;
}

function makeRunner(t: Target): Runner {
  const spec = t.runner;
  switch (spec.kind) {
    case 'native': return native;
    case 'qemu': return qemu(spec.arch);
    case 'native-or-qemu': return nativeOrQemu(t.toolchains.gcc, spec.arch);
    case 'wine': return wine();
  }
}
