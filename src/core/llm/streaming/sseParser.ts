/**
 * Server-sent events from a response body, as the spec reads them (and as liberally as real servers
 * need): LF, CRLF or CR line ends, `data:` with or without the space, multi-line `data`, comment lines
 * (keep-alives such as `: OPENROUTER PROCESSING`, reported through `onComment`), a UTF-8 BOM.
 * An event the body ends inside (no blank line after it) is still yielded, marked `unterminated`:
 * close-delimited servers end with `data: [DONE]` and no blank line, and a body cut mid-JSON ends
 * the same way; the caller tells the two apart by whether its data parses.
 */
export interface SseEvent {
  readonly event: string;
  readonly data: string;
  /** The body ended before this event's closing blank line. */
  readonly unterminated?: boolean;
}

export async function* parseSse(body: AsyncIterable<Uint8Array>, onComment?: (text: string) => void): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let first = true;
  const field = (line: string): void => {
    if (line.startsWith(':')) {
      onComment?.(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    if (first && buffer.length) {
      buffer = buffer.replace(/^\uFEFF/, '');
      first = false;
    }
    let nl: number;
    while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for more.
      if (buffer[nl] === '\r' && nl === buffer.length - 1) break;
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer[nl] === '\r' && buffer[nl + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (data.length) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
      } else field(line);
    }
  }
  buffer += decoder.decode();
  for (const line of buffer.split(/\r\n|\r|\n/)) if (line !== '') field(line);
  if (data.length) yield { event: event || 'message', data: data.join('\n'), unterminated: true };
}
