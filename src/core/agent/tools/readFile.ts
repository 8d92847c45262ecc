/** read_file: lines of a workspace file with their numbers (at most 400 per call). */
import { promises as fs } from 'node:fs';
import { looksBinary } from '../../index/scan/binaryDetection';
import type { AgentTool } from '../types';
import { outsideMessage, resolveWorkspacePath } from '../workspacePath';
import { cap, failed, int, str } from './toolArgs';

const MAX_LINES = 400;

export const readFileTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'read_file',
    description: `Read a workspace file, with line numbers (1-based, inclusive; at most ${MAX_LINES} lines per call).`,
    parameters: {
      type: 'object',
      properties: { path: { type: 'string', description: 'workspace-relative path' }, startLine: { type: 'integer' }, endLine: { type: 'integer' } },
      required: ['path'],
    },
  },
  async run(args, ctx) {
    const p = str(args, 'path');
    if (!p.trim()) return failed('Read (no path)', 'read_file needs a "path".');
    const file = resolveWorkspacePath(ctx.roots, p);
    if (!file) return failed(`Read ${p || '(no path)'}`, outsideMessage(p));
    let text: string;
    try {
      const bytes = await fs.readFile(file.abs);
      if (looksBinary(bytes)) return failed(`Read ${file.rel}`, `${file.rel} is a binary file.`);
      text = bytes.toString('utf8');
    } catch (err) {
      return failed(`Read ${file.rel}`, `Cannot read ${file.rel}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const lines = text.split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const start = Math.max(1, int(args, 'startLine') ?? 1);
    const end = Math.min(lines.length, int(args, 'endLine') ?? start + MAX_LINES - 1, start + MAX_LINES - 1);
    if (start > Math.max(1, lines.length)) return failed(`Read ${file.rel}`, `${file.rel} has ${lines.length} lines.`);
    const body = lines.slice(start - 1, end).map((l, i) => `${start + i}: ${l}`).join('\n');
    const more = end < lines.length ? `\n(${lines.length - end} more lines; read from line ${end + 1})` : '';
    return { title: `Read ${file.rel}:${start}-${end}`, content: cap(`${file.rel} (${lines.length} lines)\n${body}${more}`) };
  },
};
