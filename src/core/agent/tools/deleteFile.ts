/** delete_file: removes one workspace file (never a folder); the checkpoint can bring it back. */
import { promises as fs } from 'node:fs';
import { looksBinary } from '../../index/scan/binaryDetection';
import type { AgentTool } from '../types';
import { outsideMessage, resolveWorkspacePath } from '../workspacePath';
import { changeFile } from './fileChange';
import { failed, str } from './toolArgs';

export const deleteFileTool: AgentTool = {
  category: 'edit',
  definition: {
    name: 'delete_file',
    description: 'Delete one file of the workspace (not a folder).',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
  async run(args, ctx) {
    const p = str(args, 'path');
    const file = resolveWorkspacePath(ctx.roots, p);
    if (!file || file.rel === '.') return failed(`Delete ${p || '(no path)'}`, outsideMessage(p));
    const st = await fs.stat(file.abs).catch(() => undefined);
    if (!st) return failed(`Delete ${file.rel}`, `${file.rel} does not exist.`);
    if (!st.isFile()) return failed(`Delete ${file.rel}`, `${file.rel} is not a file; delete_file removes single files only.`);
    const bytes = await fs.readFile(file.abs);
    const before = looksBinary(bytes) ? '(binary file)\n' : bytes.toString('utf8');
    const changed = await changeFile(ctx, 'delete_file', file, before, undefined, 'Deleted');
    if (typeof changed === 'string') return failed(`Delete ${file.rel}: not changed`, changed);
    return { ...changed, content: `Deleted ${file.rel}.` };
  },
};
