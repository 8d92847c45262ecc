/**
 * find_references: the editor's reference provider when the model names a position; otherwise a
 * whole-word scan of the indexed files (cheap, and good enough to find call sites by name).
 */
import type { AgentTool, Location } from '../types';
import { resolveWorkspacePath } from '../workspacePath';
import { characterOf, formatLocation, wholeWord } from './findDefinition';
import { cap, failed, int, str } from './toolArgs';

const MAX = 100;

export const findReferencesTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'find_references',
    description: 'Find the uses of a symbol: by "name" (whole-word over the indexed files), or by "path" + "line" through the editor\'s language services.',
    parameters: { type: 'object', properties: { name: { type: 'string' }, path: { type: 'string' }, line: { type: 'integer', description: '1-based' }, character: { type: 'integer' } } },
  },
  async run(args, ctx) {
    const name = (str(args, 'name').split('.').pop() ?? '').trim();
    const p = str(args, 'path');
    const line = int(args, 'line');
    if (p && line !== undefined && ctx.editor.references) {
      const file = resolveWorkspacePath(ctx.roots, p);
      if (file) {
        const ch = await characterOf(ctx, file.abs, line, name, int(args, 'character'));
        const locs = await ctx.editor.references(file.abs, line - 1, ch, ctx.signal).catch(() => [] as Location[]);
        if (locs.length) return { title: `References of \`${name || `${p}:${line}`}\` · ${locs.length}`, content: cap(locs.slice(0, MAX).map((l) => formatLocation(ctx, l)).join('\n')) };
      }
    }
    if (!name) return failed('References (no name)', 'find_references needs a "name" (or a path and line the editor can resolve).');
    if (!ctx.index) return failed(`References of \`${name}\``, 'The code index is not available; use grep.');
    const word = wholeWord(name);
    const out: string[] = [];
    scan: for (const f of ctx.index.filePaths()) {
      const lines = ctx.index.linesOf(f) ?? [];
      const rel = ctx.index.file(f)?.rel ?? f;
      for (let i = 0; i < lines.length; i++) {
        if (!word.test(lines[i]!)) continue;
        if (out.length >= MAX) break scan;
        out.push(`${rel}:${i + 1}: ${lines[i]!.trim().slice(0, 200)}`);
      }
    }
    return { title: `References of \`${name}\` · ${out.length}`, content: cap(out.join('\n') || `No uses of "${name}" in the indexed files.`) };
  },
};
