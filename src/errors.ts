// Exit codes, defined once, and the one error type that is thrown (configuration only).
export const Exit = { clean: 0, findings: 1, usage: 2, internal: 3 } as const;

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
