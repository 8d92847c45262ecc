/**
 * Who is rewriting what, per document. A rewrite streams for seconds; meanwhile the user may type or
 * start another rewrite. Rules: a new rewrite of an overlapping range in the same document cancels
 * the old one; any change to the document cancels its rewrites (their answers would be computed
 * against stale text); rewrites of other documents or of disjoint ranges run side by side.
 * Cancellation goes through each session's AbortSignal, whose `reason` says why. Call `finish`
 * before applying a rewrite's result, or the rewrite's own edit counts as a change of the document.
 */
import type { Position, Range } from './types';

export type RewriteCancelReason = 'superseded' | 'document-changed' | 'cancelled' | 'disposed';

export class RewriteCancelledError extends Error {
  override readonly name = 'RewriteCancelledError';
  constructor(readonly reason: RewriteCancelReason, message: string) {
    super(message);
  }
}

export interface RewriteSession {
  readonly id: number;
  readonly uri: string;
  readonly range: Range;
  /** The document version the rewrite started from. */
  readonly version: number;
  /** Aborted (with a RewriteCancelledError as its reason) when the session is cancelled. */
  readonly signal: AbortSignal;
}

interface Entry extends RewriteSession {
  readonly controller: AbortController;
}

export class RewriteSessions {
  private readonly byUri = new Map<string, Entry[]>();
  private nextId = 1;

  /** Registers a rewrite and cancels every running one in the same document whose range overlaps. */
  start(uri: string, range: Range, version: number): RewriteSession {
    for (const old of this.sessionsOf(uri)) {
      if (rangesOverlap(old.range, range)) {
        this.cancelEntry(old, new RewriteCancelledError('superseded', 'A new rewrite of the same code replaced this one.'));
      }
    }
    const controller = new AbortController();
    const entry: Entry = { id: this.nextId++, uri, range, version, controller, signal: controller.signal };
    this.byUri.set(uri, [...this.sessionsOf(uri), entry]);
    return entry;
  }

  /** The document is now at `version`: rewrites that started from an older one are cancelled. */
  documentChanged(uri: string, version: number): void {
    for (const s of this.sessionsOf(uri)) {
      if (s.version !== version) {
        this.cancelEntry(s, new RewriteCancelledError('document-changed', `The document was edited while the rewrite was running (version ${s.version} → ${version}), so the rewrite was stopped. Run it again on the current text.`));
      }
    }
  }

  /** The user stopped it. */
  cancel(session: RewriteSession): void {
    const entry = this.sessionsOf(session.uri).find((s) => s.id === session.id);
    if (entry) this.cancelEntry(entry, new RewriteCancelledError('cancelled', 'The rewrite was cancelled.'));
  }

  /** The rewrite ended (applied, shown or failed): it no longer blocks anything. */
  finish(session: RewriteSession): void {
    this.remove(session.uri, session.id);
  }

  /** The document closed or the server stops: every rewrite of it (or of all documents) ends. */
  dispose(uri?: string): void {
    const uris = uri === undefined ? [...this.byUri.keys()] : [uri];
    for (const u of uris) {
      for (const s of this.sessionsOf(u)) this.cancelEntry(s, new RewriteCancelledError('disposed', 'The document was closed, so the rewrite was stopped.'));
    }
  }

  active(uri?: string): readonly RewriteSession[] {
    return uri === undefined ? [...this.byUri.values()].flat() : this.sessionsOf(uri);
  }

  private sessionsOf(uri: string): Entry[] {
    return this.byUri.get(uri) ?? [];
  }

  private cancelEntry(entry: Entry, reason: RewriteCancelledError): void {
    this.remove(entry.uri, entry.id);
    entry.controller.abort(reason);
  }

  private remove(uri: string, id: number): void {
    const rest = this.sessionsOf(uri).filter((s) => s.id !== id);
    if (rest.length > 0) this.byUri.set(uri, rest);
    else this.byUri.delete(uri);
  }
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function beforeOrEqual(a: Position, b: Position): boolean {
  return !before(b, a);
}

/** Ranges share text, or an empty range (a cursor) lies inside or on the edge of the other. */
export function rangesOverlap(a: Range, b: Range): boolean {
  const aEmpty = !before(a.start, a.end);
  const bEmpty = !before(b.start, b.end);
  if (aEmpty || bEmpty) return beforeOrEqual(b.start, a.end) && beforeOrEqual(a.start, b.end);
  return before(a.start, b.end) && before(b.start, a.end);
}
