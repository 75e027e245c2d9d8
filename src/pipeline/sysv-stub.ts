// TEMPORARY until src/abi/x86_64-sysv.ts lands.
import type { Abi } from '../abi/abi.js';
export const x86_64Sysv: Abi = {
  id: 'x86_64-sysv', title: 'stub', planCall: () => ({ ok: false, reason: 'stub' }),
  contract: { calleeSaved: [], stackAlign: 16 }, dialects: [],
};
