// The model as one side of a pair: which psABI plan each signature gets, and how its assembly is
// written. The driver filters out signatures the model cannot plan before anything is emitted.
import type { SavedRegister } from '../../abi/abi.js';
import type { CallPlan, PlanResult } from '../../abi/location.js';
import type { DataModel } from '../../model/data-model.js';
import type { Signature } from '../../model/types.js';

export interface ModelParty {
  /** Which assembly emitter writes it. */
  isa: 'x86_64' | 'i386' | 'aarch64' | 'riscv64' | 'arm';
  /** The psABI plan of a signature, or why the model cannot say. */
  planResult(sig: Signature): PlanResult;
  /** The plan of a signature that has one (the driver only emits those). */
  plan(sig: Signature): CallPlan;
  /** The psABI's name, for the comments. */
  abiTitle(sig: Signature): string;
  /**
   * Registers a signature's convention has the callee keep beyond those the target's default
   * convention keeps (preserve_most: rcx, rsi, ...): the model callee calls into C of the default
   * convention, so it saves and restores them itself.
   */
  keeps(sig: Signature): readonly SavedRegister[];
  /** ISA features the model may use (those of the compiler it is paired with). */
  features: ReadonlySet<string>;
  /** ELF (Linux) or COFF (Windows) directives. */
  elf: boolean;
  /** The layouts the model assumes: the target's, or a compiler's where its layout is a dialect (clang on Windows). */
  dataModel: DataModel;
  /** Flags the glue's compiler needs to lay structs out as dataModel says (i686 gcc with MMX: -mmmx). */
  glueFlags: readonly string[];
}

/** Which side of a batch is the model, if any. */
export interface ModelRoles {
  caller?: ModelParty;
  callee?: ModelParty;
}

/**
 * The layouts a batch's C sources are planned with: the model's where a side is the model, so both
 * sides choose the same union member to check (a union's largest member depends on the layout).
 */
export const emitLayout = (fallback: DataModel, models: ModelRoles): DataModel => models.caller?.dataModel ?? models.callee?.dataModel ?? fallback;
