/**
 * Source: problems the editor reports (an error that appeared after an edit: a call that no longer
 * matches the new signature, a name that no longer exists). The server passes the client's diagnostics.
 */
import type { Candidate, LocatorContext } from './locatorContext';

export function diagnostics(ctx: LocatorContext): Candidate[] {
  return (ctx.input.diagnostics ?? [])
    .filter((d) => !ctx.isMade(d.file, d.line))
    .map((d) => ({ file: d.file, line: d.line, score: d.severity === 'error' ? 1 : 0.5, reason: 'diagnostic' as const, detail: d.message }));
}
