// Exit codes, defined once, and the one error type that is thrown (configuration only).
export const Exit = {
  clean: 0,
  /** Findings (fuzz), or the case still reproduces (replay). */
  findings: 1,
  /** Bad input or configuration, or --out that cannot take results: one line on stderr. */
  usage: 2,
  /** abifuzz itself broke: a stack trace follows. */
  internal: 3,
  /** Stopped by SIGINT (128 + 2) or SIGTERM (128 + 15) after the results so far were saved. */
  interrupted: 130,
  terminated: 143,
} as const;

/** Bad input or configuration, found before any work starts. The CLI prints it as one line, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly code: string = 'ABIFUZZ_USAGE',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
