/**
 * Search/replace blocks, as Aider and Cline ask models to write them:
 *
 *     <<<<<<< SEARCH          (Cline: ------- SEARCH)
 *     lines copied from the file
 *     =======
 *     the lines that replace them
 *     >>>>>>> REPLACE         (Cline: +++++++ REPLACE)
 *
 * Each SEARCH must match exactly one place in the original (exactly, then ignoring trailing
 * whitespace, then ignoring indentation); blocks may come in any order but must not overlap. An
 * answer whose later block quotes an earlier block's result is applied block after block instead.
 * Lines equal in SEARCH and REPLACE keep the file's own bytes.
 */
import { diffArrays } from 'diff';
import { applyLineChanges, type LineChange, type LineChangesOutcome, type LineOp } from '../applyLineChanges';
import { sameFile } from '../codeFences';
import { findIntroducedElision } from '../elision';
import { joinLines, type Line } from '../textLines';
import type { EditRegion, EditStrategy, StrategyInput, StrategyOutcome } from './editStrategy';

const SEARCH_START = /^\s*(<{5,9}|-{5,9})\s*SEARCH\b.*$/;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE_END = /^\s*(>{5,9}|\+{5,9})\s*REPLACE\b.*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const PATH_LINE = /^[*`#\s]*([\w@.~-][\w@./\\~-]*\.\w+|[\w@.~-]+[/\\][\w@./\\~-]+)[*`:\s]*$/;

export function looksLikeSearchReplace(text: string): boolean {
  const lines = text.split('\n');
  return lines.some((l) => SEARCH_START.test(l)) && lines.some((l) => DIVIDER.test(l)) && lines.some((l) => REPLACE_END.test(l));
}

interface Block {
  readonly search: string[];
  readonly replace: string[];
  readonly fileName: string | undefined;
}

export const searchReplace: EditStrategy = {
  name: 'search-replace',
  apply({ answer, region, options }: StrategyInput): StrategyOutcome {
    const asAnswer = { kind: 'answer' as const, text: answer };
    const parsed = parseBlocks(answer);
    if ('error' in parsed) return { ok: false, code: parsed.code, message: parsed.error, candidate: asAnswer };
    let blocks = parsed.blocks;
    if (blocks.length === 0) {
      return { ok: false, code: 'malformed-blocks', message: 'The answer has no search/replace blocks ("<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE"). Ask the model to answer in that format.', candidate: asAnswer };
    }
    if (options.fileName) {
      const forOthers = blocks.filter((b) => b.fileName !== undefined && !sameFile(b.fileName, options.fileName!));
      blocks = blocks.filter((b) => !forOthers.includes(b));
      if (blocks.length === 0) {
        return { ok: false, code: 'ambiguous-file', message: `The blocks are for ${[...new Set(forOthers.map((b) => b.fileName))].join(', ')}, not for ${options.fileName}. Apply them to that file instead.`, candidate: asAnswer };
      }
    }

    const skipped = parsed.blocks.length - blocks.length;
    const docLines = region.documentText.split(/\r\n|\r|\n/);
    const changes: LineChange[] = [];
    for (const [i, block] of blocks.entries()) {
      const label = blocks.length > 1 ? `block ${i + 1}` : 'the block';
      const elided = findIntroducedElision(block.replace, [...block.search, ...docLines], region.languageId);
      if (elided !== undefined) {
        return { ok: false, code: 'elided-code', message: `In ${label} the REPLACE part stands for omitted code ("${elided.trim()}"); applying it would lose that code. Ask for the block again with the real code.`, candidate: asAnswer };
      }
      // An empty SEARCH (Aider's form for a new file) fills an empty document and nothing else.
      const fillsNewFile = region.documentEmpty && block.search.every((l) => l.trim() === '');
      if (block.search.length === 0 && !region.documentEmpty) {
        return { ok: false, code: 'no-context', message: `${capitalize(label)} has an empty SEARCH part, which only fills an empty file, and this file has content. Ask for a block that quotes the lines to change.`, candidate: asAnswer };
      }
      changes.push({ label, ops: toOps(fillsNewFile ? [] : block.search, block.replace) });
    }
    const outcome = applyInOrderIfNeeded(region, changes);
    if (!outcome.ok) return { ...outcome, candidate: asAnswer };
    const notes = skipped > 0 ? [`skipped ${skipped} block(s) for other files`, ...outcome.notes] : outcome.notes;
    return { ok: true, text: joinLines(outcome.lines), notes };
  },
};

/**
 * Blocks are placed against the original, together. When one is not found there, the answer may
 * have been written as a sequence (Aider applies blocks one after another, so a later SEARCH may
 * quote an earlier REPLACE): then each block is applied to the result of the previous ones, still
 * each matching exactly one place. If that fails too, the first failure is reported.
 */
function applyInOrderIfNeeded(region: EditRegion, changes: readonly LineChange[]): LineChangesOutcome {
  const together = applyLineChanges(region.lines, changes, region.eol, region.endsWithBreak, region.firstLine);
  if (together.ok || together.code !== 'not-found' || changes.length < 2) return together;
  let lines: readonly Line[] = region.lines;
  const notes: string[] = [];
  for (const change of changes) {
    const step = applyLineChanges(lines, [change], region.eol, region.endsWithBreak, region.firstLine);
    if (!step.ok) return together;
    lines = step.lines;
    notes.push(...step.notes);
  }
  return { ok: true, lines: [...lines], notes: ['a later block quotes an earlier one\'s result, so the blocks were applied one after another', ...notes] };
}

/** SEARCH/REPLACE as line operations, so lines both contain are kept from the file. */
function toOps(search: readonly string[], replace: readonly string[]): LineOp[] {
  const ops: LineOp[] = [];
  for (const change of diffArrays([...search], [...replace])) {
    const kind = change.added ? 'add' : change.removed ? 'del' : 'keep';
    for (const text of change.value) ops.push({ kind, text });
  }
  return ops;
}

type Parsed = { blocks: Block[] } | { error: string; code: 'malformed-blocks' | 'unterminated-fence' };

function parseBlocks(answer: string): Parsed {
  const lines = answer.split('\n');
  const blocks: Block[] = [];
  let state: 'outside' | 'search' | 'replace' = 'outside';
  let search: string[] = [];
  let replace: string[] = [];
  let fileName: string | undefined;
  let fenceOpen: string | undefined;
  for (const line of lines) {
    if (state === 'outside') {
      if (SEARCH_START.test(line)) {
        state = 'search';
        search = [];
        continue;
      }
      const fence = FENCE.exec(line);
      if (fence) {
        if (fenceOpen !== undefined && fence[2]!.trim() === '' && fence[1]!.startsWith(fenceOpen)) fenceOpen = undefined;
        else if (fenceOpen === undefined) fenceOpen = fence[1]!;
        continue;
      }
      if (/^\s*`{1,2}\s*$/.test(line)) return { code: 'unterminated-fence', error: 'The answer contains a broken code fence, so it was probably cut off. Ask again.' };
      const path = PATH_LINE.exec(line);
      if (path) fileName = path[1];
      continue;
    }
    if (state === 'search') {
      if (DIVIDER.test(line)) {
        state = 'replace';
        replace = [];
      } else if (SEARCH_START.test(line) || REPLACE_END.test(line)) {
        return { code: 'malformed-blocks', error: `Block ${blocks.length + 1} has no "=======" line between its SEARCH and REPLACE parts, so it cannot be read. Ask the model to answer again.` };
      } else search.push(line);
      continue;
    }
    if (REPLACE_END.test(line)) {
      blocks.push({ search, replace, fileName });
      state = 'outside';
    } else if (SEARCH_START.test(line) || DIVIDER.test(line)) {
      return { code: 'malformed-blocks', error: `Block ${blocks.length + 1} is not closed with ">>>>>>> REPLACE" before the next marker, so it cannot be read. Ask the model to answer again.` };
    } else replace.push(line);
  }
  if (state !== 'outside') {
    return { code: 'malformed-blocks', error: `Block ${blocks.length + 1} is not closed with ">>>>>>> REPLACE": the answer was probably cut off, so none of it is applied. Ask again.` };
  }
  if (fenceOpen !== undefined) {
    return { code: 'unterminated-fence', error: 'The answer\'s code block is not closed, so the answer was probably cut off and none of it is applied. Ask again.' };
  }
  return { blocks };
}

function capitalize(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
