// The pair as the known-issue rules see it (families, flags, ISA features from the compilers'
// own macros), and the function the driver asks whether a finding is known.
import type { Prober } from '../../harness/probe.js';
import type { Side } from '../../harness/toolchains/toolchain.js';
import { x86_64Sysv } from '../abi/x86_64-sysv/index.js';
import type { Finding } from '../check/finding.js';
import { knownIssueOf, type PairInfo, type SideInfo } from '../check/known-issues.js';
import type { Signature } from '../model/types.js';
import type { RunConfig } from './config.js';
import { modelCovers } from './model.js';

async function sideInfo(side: Side, probes: Prober): Promise<SideInfo> {
  return { toolchain: side.tc.id, family: side.tc.family, flags: side.flags, isa: await probes.isaFeatures(side) };
}

export async function pairInfo(cfg: Pick<RunConfig, 'target' | 'caller' | 'callee'>, probes: Prober): Promise<PairInfo> {
  return {
    target: cfg.target.id, dataModel: cfg.target.dataModel, sysv: x86_64Sysv,
    caller: await sideInfo(cfg.caller, probes), callee: await sideInfo(cfg.callee, probes),
  };
}

export async function pairExplainer(cfg: Pick<RunConfig, 'target' | 'caller' | 'callee'>, probes: Prober): Promise<(f: Finding, sig: Signature) => string | undefined> {
  const pair = await pairInfo(cfg, probes);
  const covered = modelCovers(cfg.target);
  return (f, sig) => knownIssueOf(f, sig, pair, covered)?.id;
}
