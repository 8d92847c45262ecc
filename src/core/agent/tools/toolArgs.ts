/** Reading tool arguments the model sent, without trusting their types. */
export function str(args: Record<string, unknown>, key: string): string {
  const v = args[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function int(args: Record<string, unknown>, key: string): number | undefined {
  const v = typeof args[key] === 'string' ? Number(args[key]) : args[key];
  return typeof v === 'number' && Number.isFinite(v) ? Math.floor(v) : undefined;
}

/** Caps what goes back to the model so one tool result cannot fill the context window. */
export function cap(text: string, max = 12_000): string {
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters cut; narrow the request)` : text;
}

export function failed(title: string, content: string): { title: string; content: string; failed: true } {
  return { title, content, failed: true };
}
