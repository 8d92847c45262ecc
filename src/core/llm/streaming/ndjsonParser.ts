/**
 * Newline-delimited JSON from a response body (Ollama's native API). Yields raw lines (CR and blank
 * lines dropped); the caller parses. A last line without its newline is yielded marked
 * `unterminated`: it may be complete JSON (a close-delimited body) or a body cut mid-line.
 */
export interface NdjsonLine {
  readonly text: string;
  readonly unterminated?: boolean;
}

export async function* parseNdjsonLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield { text: line };
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) yield { text: buffer.trim(), unterminated: true };
}
