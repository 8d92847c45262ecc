/**
 * The chat's and the agent's turns in flight, by turn id: each has an AbortController that the LSP
 * request's cancellation, a cancel notification, a newer turn with the same id, or the server's
 * shutdown aborts.
 */
import type { CancellationToken } from 'vscode-languageserver/node';

export class RunningTurns {
  private readonly turns = new Map<string, AbortController>();

  /** Registers a turn (aborting an earlier one with the same id); call `finish` when it ends. */
  start(turnId: string, token: CancellationToken): AbortController {
    const abort = new AbortController();
    this.turns.get(turnId)?.abort();
    this.turns.set(turnId, abort);
    token.onCancellationRequested(() => abort.abort());
    return abort;
  }

  cancel(turnId: string): void {
    this.turns.get(turnId)?.abort();
  }

  /** Forgets the turn, unless a newer one took its id meanwhile. */
  finish(turnId: string, abort: AbortController): void {
    if (this.turns.get(turnId) === abort) this.turns.delete(turnId);
  }

  abortAll(): void {
    for (const c of this.turns.values()) c.abort();
  }
}
