/**
 * find_definition: by name through the index; by position (path + line) through the editor's own
 * definition provider when the editor offers one, which also knows libraries the index does not.
 */
import { promises as fs } from 'node:fs';
import type { AgentTool, Location } from '../types';
import { resolveWorkspacePath, shownPath } from '../workspacePath';
import { cap, failed, int, str } from './toolArgs';

export const findDefinitionTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'find_definition',
    description: 'Find where a symbol is defined: by "name" (the code index), or by "path" + "line" (+ "character" or the name on that line) through the editor\'s language services.',
    parameters: { type: 'object', properties: { name: { type: 'string' }, path: { type: 'string' }, line: { type: 'integer', description: '1-based' }, character: { type: 'integer', description: '0-based' } } },
  },
  async run(args, ctx) {
    const name = (str(args, 'name').split('.').pop() ?? '').trim();
    const out: string[] = [];
    const p = str(args, 'path');
    const line = int(args, 'line');
    if (p && line !== undefined && ctx.editor.definitions) {
      const file = resolveWorkspacePath(ctx.roots, p);
      if (file) {
        const ch = await characterOf(ctx, file.abs, line, name, int(args, 'character'));
        const locs = await ctx.editor.definitions(file.abs, line - 1, ch, ctx.signal).catch(() => [] as Location[]);
        out.push(...locs.map((l) => formatLocation(ctx, l)));
      }
    }
    if (name && ctx.index) {
      let hits = ctx.index.symbols(name, { limit: 5 });
      if (!hits.length) hits = ctx.index.symbols(name, { ignoreCase: true, limit: 5 });
      for (const h of hits) {
        const lines = ctx.index.linesOf(h.path) ?? [];
        out.push(`${h.rel}:${h.startLine + 1} ${h.kind} ${h.container ? `${h.container}.` : ''}${h.name}\n${lines.slice(h.startLine, Math.min(h.endLine, h.startLine + 60) + 1).join('\n')}`);
      }
    }
    if (!name && !(p && line !== undefined)) return failed('Looked up (nothing)', 'find_definition needs a "name", or a "path" and "line".');
    const label = name || `${p}:${line}`;
    return { title: `Definition of \`${label}\` · ${out.length} result${out.length === 1 ? '' : 's'}`, content: cap(out.join('\n\n') || `No definition found for "${label}".`) };
  },
};

/** The column of `name` on the line when the model gave no character. */
export async function characterOf(ctx: { index: { linesOf(f: string): readonly string[] | undefined } | undefined }, file: string, line: number, name: string, character: number | undefined): Promise<number> {
  if (character !== undefined) return character;
  const text = ctx.index?.linesOf(file)?.[line - 1] ?? (await fs.readFile(file, 'utf8').catch(() => '')).split(/\r?\n/)[line - 1] ?? '';
  const at = name ? text.search(wholeWord(name)) : -1;
  return at >= 0 ? at : Math.max(0, text.search(/\S/));
}

/** `name` as a whole word, regex characters escaped. */
export function wholeWord(name: string): RegExp {
  return new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
}

export function formatLocation(ctx: { roots: readonly string[] }, l: Location): string {
  return `${shownPath(ctx.roots, l.path)}:${l.line + 1}:${l.character + 1}`;
}
