/** The engine logs through this interface; the server maps it onto the LSP console, the CLI onto stderr. */
export interface Logger {
  error(message: string, cause?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** Formats an unknown thrown value as one line: message plus the cause chain, no stack. */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    return cause !== undefined && cause !== err ? `${err.message} (cause: ${describeError(cause)})` : err.message;
  }
  return typeof err === 'string' ? err : JSON.stringify(err) ?? String(err);
}
