/**
 * In-flight reuse: a request still streaming, made a few keystrokes ago, is often still right. If the
 * new prefix only extends its prefix, and what the model has streamed so far agrees with what the
 * user typed since, its answer minus the typed characters is the answer for now. Reusing it saves a
 * request and the model's warm-up; cancelling it would throw away work already paid for.
 */
export interface InFlightRequest {
  id: number;
  prefix: string;
  suffix: string;
  /** Text streamed so far. */
  received: string;
  /** The stream has ended (`received` is the whole answer). */
  done: boolean;
}

export type InFlightMatch = { reusable: true; typed: string } | { reusable: false; reason: string };

export function matchInFlight(request: InFlightRequest, prefix: string, suffix: string): InFlightMatch {
  if (suffix !== request.suffix) return { reusable: false, reason: 'text after the cursor changed' };
  if (!prefix.startsWith(request.prefix)) return { reusable: false, reason: 'prefix no longer extends the request' };
  const typed = prefix.slice(request.prefix.length);
  if (request.received.startsWith(typed)) {
    if (request.done && request.received.length === typed.length) return { reusable: false, reason: 'answer already typed' };
    return { reusable: true, typed };
  }
  // The model has not streamed that far yet: it may still write what the user typed.
  if (!request.done && typed.startsWith(request.received)) return { reusable: true, typed };
  return { reusable: false, reason: 'answer disagrees with what was typed' };
}

/** The answer for the current cursor from a reused request's full answer; undefined if it disagrees. */
export function adaptReusedAnswer(answer: string, typed: string): string | undefined {
  return answer.startsWith(typed) && answer.length > typed.length ? answer.slice(typed.length) : undefined;
}

/** The requests in flight, so each keystroke can tell which one to reuse and which to cancel. */
export class InFlightRequests {
  private readonly requests = new Map<number, InFlightRequest>();

  start(id: number, prefix: string, suffix: string): void {
    this.requests.set(id, { id, prefix, suffix, received: '', done: false });
  }

  append(id: number, chunk: string): void {
    const request = this.requests.get(id);
    if (request && !request.done) request.received += chunk;
  }

  finish(id: number): void {
    const request = this.requests.get(id);
    if (request) request.done = true;
  }

  /** Forgets a request (answered, cancelled or failed). */
  remove(id: number): void {
    this.requests.delete(id);
  }

  /**
   * For a new cursor context: the request to reuse (the newest that fits) and the ids that no longer
   * fit and should be cancelled.
   */
  plan(prefix: string, suffix: string): { reuse?: { id: number; typed: string }; cancel: number[] } {
    let reuse: { id: number; typed: string } | undefined;
    const cancel: number[] = [];
    for (const request of this.requests.values()) {
      const match = matchInFlight(request, prefix, suffix);
      if (match.reusable && (!reuse || request.id > reuse.id)) {
        if (reuse) cancel.push(reuse.id);
        reuse = { id: request.id, typed: match.typed };
      } else if (!request.done) {
        cancel.push(request.id);
      }
    }
    return reuse ? { reuse, cancel } : { cancel };
  }

  get size(): number {
    return this.requests.size;
  }
}
