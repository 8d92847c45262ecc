/** get_diagnostics: the editor's problems (errors and warnings), for some files or the workspace. */
import type { AgentTool, Diagnostic } from '../types';
import { resolveWorkspacePath, shownPath } from '../workspacePath';
import { cap, failed } from './toolArgs';

export const getDiagnosticsTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'get_diagnostics',
    description: 'Get the editor\'s problems (compiler and linter errors and warnings) for the given files, or for the whole workspace.',
    parameters: { type: 'object', properties: { paths: { type: 'array', items: { type: 'string' } } } },
  },
  async run(args, ctx) {
    if (!ctx.editor.diagnostics) return failed('Problems', 'This editor does not report problems; run the compiler or linter with run_command instead.');
    const paths = Array.isArray(args['paths']) ? (args['paths'] as unknown[]).filter((p): p is string => typeof p === 'string') : [];
    const files = paths.map((p) => resolveWorkspacePath(ctx.roots, p)?.abs).filter((p): p is string => !!p);
    const list = await ctx.editor.diagnostics(files.length ? files : undefined, ctx.signal);
    return { title: `Problems · ${list.length}`, content: cap(formatDiagnostics(ctx.roots, list) || 'No problems.') };
  },
};

export function formatDiagnostics(roots: readonly string[], list: readonly Diagnostic[]): string {
  return list.map((d) => `${shownPath(roots, d.path)}:${d.line + 1}: ${d.severity}: ${d.message}${d.source ? ` (${d.source})` : ''}`).join('\n');
}
