/**
 * Unified diff: the answer is a patch (`--- a/x` / `+++ b/x` / `@@ … @@` hunks), fenced or bare.
 * Line numbers in hunk headers are ignored — models get them wrong too often to be worth trusting —
 * and so are the counts; a hunk is placed by its context and removed lines alone, which must match
 * exactly one place (exactly, then ignoring trailing whitespace, then ignoring indentation).
 * jsdiff's own `parsePatch` is not used for reading: it rejects headerless `@@` lines and miscounted
 * hunks, which are exactly the shapes models produce.
 */
import { applyLineChanges, type LineChange, type LineOp } from '../applyLineChanges';
import { parseFences, sameFile } from '../codeFences';
import { findIntroducedElision } from '../elision';
import { joinLines } from '../textLines';
import type { EditStrategy, StrategyInput, StrategyOutcome } from './editStrategy';

interface DiffSection {
  readonly oldFile: string | undefined;
  readonly newFile: string | undefined;
  readonly hunks: LineChange[];
}

const DIFF_TAGS = new Set(['diff', 'patch', 'udiff']);
const HUNK_HEADER = /^@@/;
const FILE_OLD = /^--- (.*)$/;
const FILE_NEW = /^\+\+\+ (.*)$/;

/** Whether some text reads as a unified diff (used by the detector and to find diff blocks among others). */
export function looksLikeUnifiedDiff(text: string): boolean {
  const lines = text.split('\n');
  const hasChange = lines.some((l) => /^[+-](?![+-]{2} )/.test(l));
  const hasHunk = lines.some((l) => HUNK_HEADER.test(l));
  const hasHeaders = lines.some((l, i) => FILE_OLD.test(l) && FILE_NEW.test(lines[i + 1] ?? ''));
  return hasChange && (hasHunk || hasHeaders);
}

export const unifiedDiff: EditStrategy = {
  name: 'unified-diff',
  apply({ answer, region, options }: StrategyInput): StrategyOutcome {
    const asAnswer = { kind: 'answer' as const, text: answer };
    const parsed = parseFences(answer);
    if (parsed.blocks.some((b) => !b.closed) || parsed.strayFence) {
      return { ok: false, code: 'unterminated-fence', message: 'The answer\'s code block is not closed, so the diff was probably cut off. Ask again (or raise the model\'s output token limit).', candidate: asAnswer };
    }
    const diffBlocks = parsed.blocks.filter((b) => DIFF_TAGS.has(b.language ?? '') || looksLikeUnifiedDiff(b.content));
    const sections = diffBlocks.length > 0
      ? diffBlocks.flatMap((b) => parseSections(b.content.split('\n'), true))
      : parseSections(parsed.prose, false);
    const withHunks = sections.filter((s) => s.hunks.length > 0);
    if (withHunks.length === 0) {
      return { ok: false, code: 'malformed-diff', message: 'The answer has no diff hunks (lines starting with "@@", " ", "-", "+"). Ask for a unified diff, or for the complete code instead.', candidate: asAnswer };
    }

    const names = [...new Set(withHunks.map(sectionName).filter((n): n is string => n !== undefined))];
    let chosen = withHunks;
    if (names.length > 1) {
      chosen = options.fileName ? withHunks.filter((s) => { const n = sectionName(s); return n !== undefined && sameFile(n, options.fileName!); }) : [];
      if (chosen.length === 0) {
        return { ok: false, code: 'ambiguous-file', message: `The diff changes ${names.join(', ')}${options.fileName ? `, none of which is ${options.fileName}` : ''}; apply it to each file separately.`, candidate: asAnswer };
      }
    }
    const changing = chosen.flatMap((s) => s.hunks).filter((h) => h.ops.some((op) => op.kind !== 'keep'));
    const hunks = changing.map((h, i) => ({ ...h, label: changing.length > 1 ? `hunk ${i + 1}` : 'the hunk' }));

    const added = hunks.flatMap((h) => h.ops.filter((op) => op.kind === 'add').map((op) => op.text));
    const elided = findIntroducedElision(added, region.documentText.split(/\r\n|\r|\n/), region.languageId);
    if (elided !== undefined) {
      return { ok: false, code: 'elided-code', message: `The diff adds a line that stands for omitted code ("${elided.trim()}"); applying it would lose that code. Ask for the diff again with the real code.`, candidate: asAnswer };
    }
    if (region.documentEmpty === false && chosen.some((s) => s.oldFile === '/dev/null')) {
      return { ok: false, code: 'malformed-diff', message: 'The diff creates a new file, but this file already has content. Apply it to a new file instead.', candidate: asAnswer };
    }

    const outcome = applyLineChanges(region.lines, hunks, region.eol, region.endsWithBreak, region.firstLine);
    if (!outcome.ok) return { ...outcome, candidate: asAnswer };
    return { ok: true, text: joinLines(outcome.lines), notes: outcome.notes };
  },
};

function sectionName(s: DiffSection): string | undefined {
  const clean = (n: string | undefined) => (n === undefined || n === '/dev/null' ? undefined : n.split('\t')[0]!.trim().replace(/^[ab]\//, ''));
  return clean(s.newFile) ?? clean(s.oldFile);
}

/**
 * Reads file sections and hunks. Inside a fenced diff a line without a prefix is taken as context
 * (models drop the leading space); in a bare answer it ends the hunk (it is prose).
 */
function parseSections(lines: readonly string[], fenced: boolean): DiffSection[] {
  const sections: DiffSection[] = [];
  let section: DiffSection | undefined;
  let ops: (LineOp & { raw?: boolean })[] | undefined;
  let sawHeaderInSection = false;

  const endHunk = () => {
    if (!ops) return;
    while (ops.length > 0 && ops[ops.length - 1]!.raw) ops.pop();
    if (ops.length > 0) section!.hunks.push({ label: '', ops });
    ops = undefined;
  };
  const startSection = (oldFile?: string, newFile?: string) => {
    endHunk();
    section = { oldFile, newFile, hunks: [] };
    sections.push(section);
    sawHeaderInSection = false;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const oldFile = FILE_OLD.exec(line);
    const newFile = oldFile ? FILE_NEW.exec(lines[i + 1] ?? '') : null;
    if (oldFile && newFile) {
      startSection(oldFile[1], newFile[1]);
      i++;
      continue;
    }
    if (/^diff --git /.test(line)) {
      startSection();
      continue;
    }
    if (HUNK_HEADER.test(line)) {
      if (!section) startSection();
      endHunk();
      sawHeaderInSection = true;
      ops = [];
      continue;
    }
    if (!ops) {
      // A section with file headers but no "@@" line, or a fenced diff with no headers at all:
      // its +/- lines form one hunk.
      const diffLine = /^[ +-]/.test(line) && !/^(index |new file mode|deleted file mode)/.test(line);
      if (section && !sawHeaderInSection && diffLine) ops = [];
      else if (!section && fenced && diffLine) {
        startSection();
        ops = [];
      } else continue;
    }
    const prefix = line[0];
    if (prefix === ' ') ops.push({ kind: 'keep', text: line.slice(1) });
    else if (prefix === '-') ops.push({ kind: 'del', text: line.slice(1) });
    else if (prefix === '+') ops.push({ kind: 'add', text: line.slice(1) });
    else if (prefix === '\\') continue;
    else if (line === '') ops.push({ kind: 'keep', text: '', raw: true });
    else if (fenced) ops.push({ kind: 'keep', text: line, raw: true });
    else endHunk();
  }
  endHunk();
  return sections;
}
