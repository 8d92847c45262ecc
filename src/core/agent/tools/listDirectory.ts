/** list_directory: the entries of a workspace folder (folders end with `/`); `.git` is left out. */
import { promises as fs } from 'node:fs';
import type { AgentTool } from '../types';
import { outsideMessage, resolveWorkspacePath } from '../workspacePath';
import { failed, str } from './toolArgs';

const MAX_ENTRIES = 300;

export const listDirectoryTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'list_directory',
    description: 'List the files and folders of a workspace folder (default: the workspace root).',
    parameters: { type: 'object', properties: { path: { type: 'string', description: 'workspace-relative folder; "." for the root' } } },
  },
  async run(args, ctx) {
    const p = str(args, 'path') || '.';
    const dir = resolveWorkspacePath(ctx.roots, p);
    if (!dir) return failed(`Listed ${p}`, outsideMessage(p));
    try {
      const entries = (await fs.readdir(dir.abs, { withFileTypes: true })).filter((e) => e.name !== '.git');
      entries.sort((a, b) => Number(b.isDirectory()) - Number(a.isDirectory()) || a.name.localeCompare(b.name));
      const shown = entries.slice(0, MAX_ENTRIES).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
      const more = entries.length > MAX_ENTRIES ? `\n… ${entries.length - MAX_ENTRIES} more` : '';
      return { title: `Listed ${dir.rel} · ${entries.length} entries`, content: `${dir.rel}/\n${shown.join('\n') || '(empty)'}${more}` };
    } catch (err) {
      return failed(`Listed ${dir.rel}`, `Cannot list ${dir.rel}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  },
};
