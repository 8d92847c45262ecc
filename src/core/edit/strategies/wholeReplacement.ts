/**
 * Whole replacement: the answer is the new text of the target (the selection, or the whole file).
 * Handles the shapes models really send — fenced or bare code, prose around it, several blocks, the
 * whole file when only a selection was asked for — and fits the code to the document: its
 * indentation style, the selection's base indentation, blank lines around the selection, the
 * trailing newline and the line endings of unchanged lines.
 */
import { diffArrays } from 'diff';
import { blankEnds, trimBlankEnds } from '../blankLines';
import { findIntroducedElision } from '../elision';
import { commonIndent, detectIndentStyle, findIndentTransform, isBlank, leadingWhitespace, reindentLines, toSpaces, toTabs } from '../indentation';
import { pickCode } from '../pickCode';
import { removeRepeatedSurroundings, repeatedOutsideCode } from '../selectionSurroundings';
import { placeSnippet, singleBlockShape } from '../snippetPlacement';
import type { Line } from '../textLines';
import { refuse, type EditRegion, type EditStrategy, type StrategyInput, type StrategyOutcome, type StrategyRefusal } from './editStrategy';

export const wholeReplacement: EditStrategy = {
  name: 'whole-replacement',
  apply(input: StrategyInput): StrategyOutcome {
    const { region, options } = input;
    const notes: string[] = [];
    const picked = pickCode(input, notes);
    if (!picked.ok) return picked;
    let code = trimBlankEnds(picked.code.split('\n'));
    if (code.length === 0) return refuse('empty-answer', 'The code block in the answer is empty, so there is nothing to apply. Ask again.');

    const elided = findIntroducedElision(code, region.documentText.split(/\r\n|\r|\n/), region.languageId);
    if (elided !== undefined) {
      return refuse('elided-code', `The answer leaves code out ("${elided.trim()}") instead of writing it, and applying it would delete that code. Ask for the complete code (or for a diff), or merge by hand.`, code);
    }

    if (!region.wholeFile) {
      const trimmed = removeRepeatedSurroundings(code, region, notes);
      if (!trimmed.ok) return { ...trimmed, candidate: { kind: 'region', text: code.join('\n') } };
      const repeated = repeatedOutsideCode(trimmed.code, region);
      if (repeated !== undefined) {
        return refuse('overlaps-surroundings', `The answer repeats code from outside the selection (from "${repeated}"), so applying it would duplicate that code. Select all the code the model changed and rewrite again, or merge by hand.`, code);
      }
      code = trimmed.code;
      if (code.length === 0) return refuse('empty-answer', 'The answer only repeats the code around the selection, so there is nothing to apply. Ask again.');
    }

    code = fitIndentation(code, region, notes);

    if (region.wholeFile && !region.documentEmpty) {
      const placed = placeInFile(code, region, notes, options.allowLargeDeletion === true);
      if (!placed.ok) return placed;
      code = placed.code;
    }

    if (region.wholeFile && !options.allowLargeDeletion) {
      const before = region.lines.filter((l) => !isBlank(l.text)).length;
      const after = code.filter((l) => !isBlank(l)).length;
      if (before >= 20 && after < before / 2) {
        return refuse('probable-snippet', `The code block has ${after} lines where the file has ${before}, so it is probably a snippet rather than the whole file; applying it would delete the rest. Ask for a diff or search/replace blocks, or merge by hand.`, code);
      }
    }

    // Blank lines that bordered the selection stay, whatever the model did with them.
    const texts = region.lines.map((l) => l.text);
    const [lead, trail] = blankEnds(texts);
    const full = [...texts.slice(0, lead), ...code, ...texts.slice(texts.length - trail)];
    return { ok: true, text: renderKeepingLineEnds(full, region), notes };
  },
};

/**
 * For a whole-file target, an answer may be a snippet rather than the file. One block (a function,
 * a method) where the file has more replaces the block with the same first line; an answer that
 * does not start like the file and would drop much of it is refused rather than allowed to delete
 * the code it did not show.
 */
function placeInFile(code: string[], region: EditRegion, notes: string[], allowLargeDeletion: boolean): { ok: true; code: string[] } | StrategyRefusal {
  const file = region.lines.map((l) => l.text);
  const significant = (lines: readonly string[]) => lines.map((l) => l.trim()).filter((l) => l !== '');
  const fileLines = significant(file);
  const codeLines = significant(code);
  // One block is a snippet, even when the file starts with that block (for a file that is just
  // that block, replacing the block is replacing the file).
  const placement = placeSnippet(file, code);
  if (placement.kind === 'placed') {
    const shape = singleBlockShape(code)!;
    const transform = findIndentTransform([[leadingWhitespace(code[shape.anchor]!), leadingWhitespace(file[placement.anchor]!)]]);
    const block = transform && reindentLines(code, transform);
    if (!block) {
      return refuse('uneven-indentation', 'The code block is one block of the file, but its indentation cannot be matched to the file\'s, so it is not placed. Merge by hand.', code);
    }
    notes.push(`the answer holds one block; it replaced lines ${placement.start + 1}-${placement.end} ("${file[placement.anchor]!.trim()}")`);
    return { ok: true, code: [...file.slice(0, placement.start), ...block, ...file.slice(placement.end)] };
  }
  if (fileLines[0] === codeLines[0]) return { ok: true, code };
  if (placement.kind === 'unplaced') {
    const where = placement.reason === 'anchor-not-found' ? 'no line of the file matches its first line'
      : placement.reason === 'anchor-ambiguous' ? 'several lines of the file match its first line'
      : 'where that block ends in the file is unclear';
    return refuse('probable-snippet', `The code block looks like one piece of the file ("${placement.anchorText}") rather than the whole file, and ${where}, so it cannot be placed. Ask for a diff or search/replace blocks, or merge by hand.`, code);
  }
  const kept = new Set(codeLines);
  const dropped = fileLines.filter((l) => !kept.has(l)).length;
  if (!allowLargeDeletion && dropped >= 3 && dropped >= fileLines.length * 0.3) {
    return refuse('probable-snippet', `The code block does not start like the file and leaves out ${dropped} of its ${fileLines.length} lines, so it is probably a snippet; applying it would delete the rest. Ask for a diff or search/replace blocks, or merge by hand.`, code);
  }
  return { ok: true, code };
}

function fitIndentation(code: string[], region: EditRegion, notes: string[]): string[] {
  const docStyle = region.indentStyle;
  const codeStyle = detectIndentStyle(code);
  let out = code;
  if (docStyle && codeStyle && docStyle.kind !== codeStyle.kind) {
    const convert = docStyle.kind === 'tabs' ? (i: string) => toTabs(i, codeStyle.unit) : (i: string) => toSpaces(i, docStyle.unit);
    out = reindentLines(out, convert) ?? out;
    notes.push(`converted indentation to ${docStyle.kind === 'tabs' ? 'tabs' : `${docStyle.unit} spaces`} like the file`);
  }
  if (!region.wholeFile && region.startsAtLineStart) {
    // A cursor on a blank, indented line (generate at cursor) gives its indentation as the base.
    const texts = region.lines.map((l) => l.text);
    const base = texts.every(isBlank) ? leadingWhitespace(texts[0] ?? '') : commonIndent(texts);
    // Only an answer whose first line lost its indentation is re-based. Column-0 lines further down
    // prove nothing (the content of a multi-line string sits there in any answer), so any other
    // indentation is taken as the model wrote it.
    const first = out.find((l) => !isBlank(l));
    if (base !== '' && first !== undefined && leadingWhitespace(first) === '') {
      out = reindentLines(out, (i) => base + i) ?? out;
      notes.push('re-indented the code to the selection\'s indentation');
    }
  }
  return out;
}

/** Lines with the document's ending; lines the answer left unchanged keep their original ending. */
function renderKeepingLineEnds(code: readonly string[], region: EditRegion): string {
  const original = region.lines;
  const lines: Line[] = code.map((text) => ({ text, eol: region.eol }));
  let oi = 0;
  let ni = 0;
  // Only a file with mixed endings has endings to preserve; past 1000 changed lines, new lines simply get the file's ending.
  const mixed = original.some((l) => l.eol !== '' && l.eol !== region.eol);
  for (const change of (mixed ? diffArrays(original.map((l) => l.text), [...code], { maxEditLength: 1000 }) : undefined) ?? []) {
    const n = change.value.length;
    if (change.removed) oi += n;
    else if (change.added) ni += n;
    else {
      for (let j = 0; j < n; j++) if (original[oi + j]!.eol !== '') lines[ni + j] = original[oi + j]!;
      oi += n;
      ni += n;
    }
  }
  let out = '';
  lines.forEach((l, i) => {
    const last = i === lines.length - 1;
    out += l.text + (last ? (region.endsWithBreak ? l.eol || region.eol : '') : l.eol || region.eol);
  });
  return out;
}
