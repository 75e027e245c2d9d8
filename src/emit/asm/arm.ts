// The psABI model in 32-bit ARM (hard float) assembly: not written yet (see asm/x86_64.ts for the shape).
import type { IsaEmitter } from './isa.js';

const missing = (): never => {
  throw new Error('internal: the arm model emitter is not written yet');
};

export const arm: IsaEmitter = { slots: { slot: missing, dumpBytes: 0 }, width: missing, caller: missing, callee: missing };
