/**
 * How the evaluation and benchmark scripts (`npm run eval`, `npm run bench`, `npm run bench:report`) report bad
 * arguments or input: one line naming the problem, then the usage, on stderr, and exit code 2, not a stack trace.
 */

/** A problem with what the user passed: printed without a stack trace. */
export class UsageError extends Error {}

/** Runs a script's main; a UsageError or a node:util parseArgs error (ERR_PARSE_ARGS_*) ends it with exit code 2. */
export async function runCli(name: string, usage: string, main: () => void | Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!(error instanceof UsageError) && !(typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) throw error;
    console.error(`${name}: ${(error as Error).message}\n${usage}`);
    process.exitCode = 2;
  }
}
