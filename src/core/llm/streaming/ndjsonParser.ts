/** Newline-delimited JSON from a response body (Ollama's native API). Yields raw lines; the caller parses. */
export async function* parseNdjsonLines(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield line;
    }
  }
  // A last line without newline may still be complete JSON; the caller decides.
  if (buffer.trim()) yield buffer.trim();
}
