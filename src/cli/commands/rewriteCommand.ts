/**
 * `banyan rewrite --file F --range L1:C1-L2:C2 "instruction"`: the editor's select-and-rewrite without
 * an editor, through the same core and edit engine. Dry run by default (a unified diff, or JSON with
 * the edits and the new text); `--write` replaces the file atomically (temp file + rename, mode kept).
 * When the engine refuses, the file is untouched and the reason is one stderr line (exit 1).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { diskFileWriter } from '../../core/agent/fileWriter';
import { hashText } from '../../core/edit';
import { describeError } from '../../core/logging/logger';
import type { Range } from '../../core/edit/types';
import { languageOf } from '../../core/index/languages';
import { TreeSitterRuntime } from '../../core/index/parse/treeSitterRuntime';
import { gatherRewriteContext, runRewrite } from '../../core/rewrite';
import { parse, resolveFile, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE } from '../cliModels';
import { grammarsDir, openCliIndex } from '../indexStorage';
import { readFileArg } from './positionArgs';

export const rewriteCommand: CliCommand = {
  name: 'rewrite',
  summary: 'Rewrite a range of a file with the edit model (dry run, or --write)',
  usage: `banyan rewrite --file FILE --range L1:C1-L2:C2 [--write] [--no-index] "instruction" ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...MODEL_FLAGS, file: { type: 'string' }, range: { type: 'string' }, write: { type: 'boolean' }, 'no-index': { type: 'boolean' } });
    const instruction = positionals.join(' ').trim();
    if (!values.file || !values.range || !instruction) throw new CliError('rewrite needs --file FILE --range L1:C1-L2:C2 and an instruction, e.g. banyan rewrite --file src/a.ts --range 3:0-9:1 "add error handling"', 2);
    const workspace = workspaceDir(values.workspace);
    const file = resolveFile(workspace, values.file);
    const text = readFileArg(file);
    const range = parseRange(values.range, text);
    const fileName = path.relative(workspace, file).split(path.sep).join('/');
    const hub = cliHub(workspace, values, ['edit'], io);
    const interrupt = interruptSignal();
    // The index only adds context: without it the rewrite still runs, and says so.
    const index = values['no-index']
      ? undefined
      : await openCliIndex(workspace).catch((err: unknown) => {
          io.stderr(`banyan: continuing without the index's definitions (${describeError(err)})`);
          return undefined;
        });
    try {
      const input = { instruction, fileName, text, range };
      const languageId = languageIdOf(file);
      const context = await gatherRewriteContext(input, { filePath: file, languageId, parser: TreeSitterRuntime.shared(grammarsDir()), ...(index ? { index } : {}) });
      const { result } = await runRewrite(hub, input, context, { languageId, signal: interrupt.signal });
      if (!result.ok) throw new CliError(`rewrite not applied (${result.code}): ${result.message}`, 1);
      if (values.write) {
        await writeIfUnchanged(file, text, result.newText, interrupt.signal);
        if (values.json) io.stdout(JSON.stringify({ file, written: true, edits: result.edits, notes: result.notes }, null, 2));
        else io.stderr(`banyan: rewrote ${fileName} (${result.edits.length} edit${result.edits.length === 1 ? '' : 's'})`);
      } else if (values.json) {
        io.stdout(JSON.stringify({ file, edits: result.edits, newText: result.newText, notes: result.notes }, null, 2));
      } else {
        // jsdiff starts with a "====" separator line that `patch`/`git apply` do not need.
        io.stdout(createTwoFilesPatch(`a/${fileName}`, `b/${fileName}`, text, result.newText, undefined, undefined, { context: 3 }).replace(/^=+\n/, '').replace(/\n$/, ''));
      }
      return 0;
    } catch (err) {
      throw cliModelError(err);
    } finally {
      interrupt.dispose();
      await index?.close();
      await hub.dispose();
    }
  },
};

/** `L1:C1-L2:C2`, 0-based, checked against the file. */
function parseRange(value: string, text: string): Range {
  const m = /^(\d+):(\d+)-(\d+):(\d+)$/.exec(value.trim());
  if (!m) throw new CliError(`--range must be L1:C1-L2:C2 (0-based lines and characters), got "${value}"`, 2);
  const [l1, c1, l2, c2] = m.slice(1).map(Number) as [number, number, number, number];
  const lines = text.split(/\r\n|\r|\n/);
  const check = (l: number, c: number) => {
    if (l >= lines.length) throw new CliError(`--range line ${l} is past the end of the file (${lines.length} lines)`, 2);
    if (c > lines[l]!.length) throw new CliError(`--range character ${c} is past the end of line ${l} (${lines[l]!.length} characters)`, 2);
  };
  check(l1, c1);
  check(l2, c2);
  if (l1 > l2 || (l1 === l2 && c1 > c2)) throw new CliError(`--range start ${l1}:${c1} is after its end ${l2}:${c2}`, 2);
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

/** Refuses when the file changed while the model ran; else the agent's atomic write (temp file + rename, mode kept). */
async function writeIfUnchanged(file: string, expected: string, next: string, signal: AbortSignal): Promise<void> {
  if (hashText(readFileSync(file, 'utf8')) !== hashText(expected)) throw new CliError(`${file} changed while the rewrite ran; it was not written. Run the rewrite again.`, 1);
  try {
    await diskFileWriter.apply(file, next, signal);
  } catch (err) {
    throw new CliError(`could not write ${file}: ${(err as Error).message}`, 1);
  }
}

/** A VS Code-style language id from the file name: the tree-sitter language, else the extension. */
function languageIdOf(file: string): string {
  const parsed = languageOf(file);
  if (parsed === 'tsx') return 'typescriptreact';
  return parsed ?? (path.extname(file).slice(1).toLowerCase() || 'plaintext');
}
