/** create_file: a new workspace file (and its folders). Existing files are changed with edit_file. */
import { existsSync } from 'node:fs';
import type { AgentTool } from '../types';
import { outsideMessage, resolveWorkspacePath } from '../workspacePath';
import { changeFile } from './fileChange';
import { failed, str } from './toolArgs';

export const createFileTool: AgentTool = {
  category: 'edit',
  definition: {
    name: 'create_file',
    description: 'Create a new file in the workspace with the given content (folders are created). Fails when the file exists: use edit_file then.',
    parameters: { type: 'object', properties: { path: { type: 'string' }, content: { type: 'string' } }, required: ['path', 'content'] },
  },
  async run(args, ctx) {
    const p = str(args, 'path');
    const file = resolveWorkspacePath(ctx.roots, p);
    if (!file || file.rel === '.') return failed(`Create ${p || '(no path)'}`, outsideMessage(p));
    if (existsSync(file.abs)) return failed(`Create ${file.rel}: exists`, `${file.rel} already exists; change it with edit_file.`);
    const content = typeof args['content'] === 'string' ? (args['content'] as string) : '';
    const changed = await changeFile(ctx, 'create_file', file, undefined, content, 'Created');
    if (typeof changed === 'string') return failed(`Create ${file.rel}: not changed`, changed);
    return { ...changed, content: `Created ${file.rel} (${content.split('\n').length} lines).` };
  },
};
