/**
 * edit_file: SEARCH/REPLACE blocks applied through the edit engine (exact, then whitespace-tolerant
 * matching; a block that fits nowhere or in several places refuses the whole edit, and the reason
 * goes back to the model). The change is shown as a diff and waits for approval unless edits are
 * set to automatic.
 */
import { promises as fs } from 'node:fs';
import { applyModelAnswer } from '../../edit';
import type { AgentTool } from '../types';
import { outsideMessage, resolveWorkspacePath } from '../workspacePath';
import { changeFile } from './fileChange';
import { failed, str } from './toolArgs';

export const editFileTool: AgentTool = {
  category: 'edit',
  definition: {
    name: 'edit_file',
    description:
      'Change an existing workspace file with one or more SEARCH/REPLACE blocks:\n<<<<<<< SEARCH\nexact lines of the file\n=======\nnew lines\n>>>>>>> REPLACE\nEach SEARCH part must match exactly one place; include enough lines to be unique.',
    parameters: { type: 'object', properties: { path: { type: 'string' }, edits: { type: 'string', description: 'the SEARCH/REPLACE blocks' } }, required: ['path', 'edits'] },
  },
  async run(args, ctx) {
    const p = str(args, 'path');
    const file = resolveWorkspacePath(ctx.roots, p);
    if (!file) return failed(`Edit ${p || '(no path)'}`, outsideMessage(p));
    let before: string;
    try {
      before = await fs.readFile(file.abs, 'utf8');
    } catch {
      return failed(`Edit ${file.rel}`, `${file.rel} does not exist; use create_file for a new file.`);
    }
    const edits = str(args, 'edits');
    if (!edits.trim()) return failed(`Edit ${file.rel}`, 'edit_file needs "edits": SEARCH/REPLACE blocks.');
    const result = applyModelAnswer(before, edits, { kind: 'file' }, { strategy: 'search-replace', fileName: file.rel });
    if (!result.ok) return failed(`Edit ${file.rel}: not applied`, `The edit was not applied: ${result.message} Read the file again and send SEARCH parts that match it exactly.`);
    if (result.newText === before) return failed(`Edit ${file.rel}: no change`, 'The REPLACE parts equal the SEARCH parts; nothing changed.');
    const changed = await changeFile(ctx, 'edit_file', file, before, result.newText, 'Edited');
    if (typeof changed === 'string') return failed(`Edit ${file.rel}: not changed`, changed);
    const lines = result.hunks.reduce((n, h) => n + h.newLength, 0);
    return { ...changed, content: `Edited ${file.rel} (${result.hunks.length} hunk${result.hunks.length === 1 ? '' : 's'}, ${lines} new line${lines === 1 ? '' : 's'}).` };
  },
};
