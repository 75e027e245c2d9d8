// How a built executable runs: natively, under qemu-user or under wine.
export interface Runner {
  id: string;
  /** Debian package of the runner (null: native). */
  debianPackage: string | null;
  /** Whether the runner is installed (and, for native i686, whether the kernel runs it). */
  available(): boolean;
  /** argv that runs a built executable. */
  command(exe: string): [string, string[]];
  /** Environment for runs (wine's prefix). */
  env?: Record<string, string>;
  /** Read output from a file, never a pipe (wine). */
  outputToFile?: boolean;
  /** Once before the first run (start a persistent server, which ends by itself). */
  prepare?(): Promise<void>;
}
