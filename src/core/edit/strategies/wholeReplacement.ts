/**
 * Whole replacement: the answer is the new text of the target (the selection, or the whole file).
 * Handles the shapes models really send — fenced or bare code, prose around it, several blocks, the
 * whole file when only a selection was asked for — and fits the code to the document: its
 * indentation style, the selection's base indentation, blank lines around the selection, the
 * trailing newline and the line endings of unchanged lines.
 */
import { diffArrays } from 'diff';
import { isDeclining, stripClosingExplanation, stripPreamble } from '../answerText';
import { parseFences, sameFile, type CodeBlock } from '../codeFences';
import { findIntroducedElision } from '../elision';
import { documentLanguage, fenceLanguageFit } from '../fenceLanguages';
import { commonIndent, detectIndentStyle, findIndentTransform, isBlank, leadingWhitespace, reindentLines, toSpaces, toTabs } from '../indentation';
import { placeSnippet, singleBlockShape } from '../snippetPlacement';
import type { Line } from '../textLines';
import type { EditRegion, EditStrategy, StrategyInput, StrategyOutcome } from './editStrategy';

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

type Picked = { ok: true; code: string } | Extract<StrategyOutcome, { ok: false }>;

function pickCode({ answer, region, options }: StrategyInput, notes: string[]): Picked {
  const parsed = parseFences(answer);
  if (parsed.blocks.length === 0) {
    if (parsed.strayFence) return refuse('unterminated-fence', 'The answer contains a broken code fence, so it was probably cut off. Ask again.');
    if (isDeclining(parsed.prose)) {
      const first = parsed.prose.find((l) => l.trim() !== '')!.trim();
      return refuse('no-code', `The model declined instead of answering with code ("${first.length > 80 ? `${first.slice(0, 77)}...` : first}"). Rephrase the instruction or try another model.`);
    }
    const opened = stripPreamble(parsed.prose);
    if (opened.stripped) notes.push('dropped the sentence before the code');
    // Prose after the code is only recognisable in a document that is not prose itself.
    const closed = isProseLanguage(region.languageId, options.fileName) ? { lines: opened.lines, stripped: false } : stripClosingExplanation(opened.lines);
    if (closed.stripped) notes.push('dropped the explanation after the code');
    notes.push('the answer had no code fence; it was taken as code');
    const code = closed.lines.join('\n');
    if (code.trim() === '') return refuse('empty-answer', 'The answer holds no code. Ask again, or rephrase the instruction.');
    return { ok: true, code };
  }
  const unclosed = parsed.blocks.find((b) => !b.closed);
  if (unclosed) {
    return refuse('unterminated-fence', 'The answer\'s code block is not closed, so the code was probably cut off. Ask again (or raise the model\'s output token limit).', unclosed.content.split('\n'));
  }
  let candidates: readonly CodeBlock[] = parsed.blocks;
  if (options.fileName) {
    const named = candidates.filter((b) => b.fileName !== undefined && sameFile(b.fileName, options.fileName!));
    if (named.length > 0) candidates = named;
    else if (candidates.every((b) => b.fileName !== undefined)) {
      return refuse('ambiguous-file', `The answer's code is for ${[...new Set(candidates.map((b) => b.fileName))].join(', ')}, not for ${options.fileName}. Apply it to that file instead.`);
    }
  }
  const language = documentLanguage(region.languageId, options.fileName);
  const notOther = candidates.filter((b) => fenceLanguageFit(b.language, language) !== 'other');
  if (notOther.length > 0) candidates = notOther;
  if (candidates.length > 1) {
    const matching = candidates.filter((b) => fenceLanguageFit(b.language, language) === 'match');
    if (matching.length === 1) candidates = matching;
  }
  const distinct = [...new Set(candidates.map((b) => b.content))];
  if (distinct.length > 1) {
    const longest = distinct.reduce((a, b) => (b.length > a.length ? b : a));
    return refuse('ambiguous-code-blocks', `The answer has ${distinct.length} code blocks that could each be the new code, so none is applied. Apply a single block from the chat, or ask for one block with the complete code.`, longest.split('\n'));
  }
  if (parsed.blocks.length > 1) notes.push(`picked 1 of ${parsed.blocks.length} code blocks`);
  if (parsed.prose.some((l) => l.trim() !== '')) notes.push('ignored the prose around the code');
  return { ok: true, code: distinct[0]! };
}

/**
 * For a whole-file target, an answer may be a snippet rather than the file. One block (a function,
 * a method) where the file has more replaces the block with the same first line; an answer that
 * does not start like the file and would drop much of it is refused rather than allowed to delete
 * the code it did not show.
 */
function placeInFile(code: string[], region: EditRegion, notes: string[], allowLargeDeletion: boolean): { ok: true; code: string[] } | Extract<StrategyOutcome, { ok: false }> {
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
    const where = placement.reason === 'anchor-not-found' ? 'no line of the file matches its first line' : 'several lines of the file match its first line';
    return refuse('probable-snippet', `The code block looks like one piece of the file ("${placement.anchorText}") rather than the whole file, and ${where}, so it cannot be placed. Ask for a diff or search/replace blocks, or merge by hand.`, code);
  }
  const kept = new Set(codeLines);
  const dropped = fileLines.filter((l) => !kept.has(l)).length;
  if (!allowLargeDeletion && dropped >= 3 && dropped >= fileLines.length * 0.3) {
    return refuse('probable-snippet', `The code block neither starts nor ends like the file and leaves out ${dropped} of its ${fileLines.length} lines, so it is probably a snippet; applying it would delete the rest. Ask for a diff or search/replace blocks, or merge by hand.`, code);
  }
  return { ok: true, code };
}

/**
 * When asked for a selection, models often repeat code around it: the whole file, or the enclosing
 * function when only its body was selected. Repeated lines are removed when they match the
 * document on both sides; a repeat on one side only is refused (removing it would be a guess, and
 * keeping it would duplicate code).
 */
function removeRepeatedSurroundings(code: string[], region: EditRegion, notes: string[]): { ok: true; code: string[] } | Extract<StrategyOutcome, { ok: false }> {
  const before = trimBlankEnds(region.linesBefore);
  const after = trimBlankEnds(region.linesAfter);
  const same = (a: string, b: string) => a.trim() === b.trim();
  const startsWith = (seq: readonly string[], head: readonly string[]) => head.every((l, i) => same(seq[i]!, l));
  const endsWith = (seq: readonly string[], tail: readonly string[]) => tail.every((l, i) => same(seq[seq.length - tail.length + i]!, l));

  if (before.length + after.length > 0 && code.length >= before.length + after.length && startsWith(code, before) && endsWith(code, after)
      && [...before, ...after].some(isSignificant)) {
    notes.push('the answer repeated the whole file; only the selection was replaced');
    return { ok: true, code: trimBlankEnds(code.slice(before.length, code.length - after.length)) };
  }
  let k = 0;
  for (let n = Math.min(before.length, code.length); n >= 1; n--) {
    if (startsWith(code, before.slice(before.length - n))) { k = n; break; }
  }
  let m = 0;
  for (let n = Math.min(after.length, code.length - k); n >= 1; n--) {
    if (endsWith(code, after.slice(0, n))) { m = n; break; }
  }
  const kSignificant = code.slice(0, k).some(isSignificant);
  const mSignificant = code.slice(code.length - m).some(isSignificant);
  if (!kSignificant && !mSignificant) return { ok: true, code };
  if (k > 0 && m > 0) {
    notes.push(`the answer repeated ${k} line(s) before and ${m} line(s) after the selection; they were not duplicated`);
    return { ok: true, code: trimBlankEnds(code.slice(k, code.length - m)) };
  }
  const where = k > 0 ? `the ${k} line(s) before the selection` : `the ${m} line(s) after the selection`;
  return refuse('overlaps-surroundings', `The answer repeats ${where} but not the code on the other side, so it is unclear what it replaces. Select the whole construct (for example the whole function) and rewrite again, or merge by hand.`);
}

function isProseLanguage(languageId: string | undefined, fileName: string | undefined): boolean {
  const language = documentLanguage(languageId, fileName);
  return language === undefined || ['markdown', 'plaintext', 'latex', 'restructuredtext', 'asciidoc'].includes(language);
}

/**
 * A line showing that the model copied code from outside the selection into its answer (often with
 * a change there too): a significant line from right around the selection (3 lines each side), or
 * three consecutive lines that stand together elsewhere — either way not found in the selection.
 */
function repeatedOutsideCode(code: readonly string[], region: EditRegion): string | undefined {
  const nonBlank = (lines: readonly string[]) => lines.map((l) => l.trim()).filter((l) => l !== '');
  const triples = (lines: readonly string[]) => lines.slice(0, Math.max(0, lines.length - 2)).map((_, i) => lines.slice(i, i + 3));
  const inside = new Set(triples(nonBlank(region.lines.map((l) => l.text))).map((t) => t.join('\n')));
  const outside = new Set([...triples(nonBlank(region.linesBefore)), ...triples(nonBlank(region.linesAfter))].map((t) => t.join('\n')).filter((t) => !inside.has(t)));
  const selection = new Set(nonBlank(region.lines.map((l) => l.text)));
  const nearby = new Set([...nonBlank(region.linesBefore).slice(-3), ...nonBlank(region.linesAfter).slice(0, 3)].filter((l) => isSignificant(l) && !selection.has(l)));
  const copied = nonBlank(code).find((l) => nearby.has(l));
  if (copied !== undefined) return copied;
  for (const triple of triples(nonBlank(code))) {
    if (triple.filter(isSignificant).length >= 2 && outside.has(triple.join('\n'))) return triple[0];
  }
  return undefined;
}

/** A line that identifies a place: not just punctuation like `}` or `end`. */
function isSignificant(line: string): boolean {
  return /[\p{L}\p{N}_]{3,}/u.test(line) && line.trim().length >= 6;
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
    const base = commonIndent(region.lines.map((l) => l.text));
    // Only an answer with no indentation at all is re-based: any other indentation was the model's choice.
    if (base !== '' && commonIndent(out) === '') {
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

function blankEnds(lines: readonly string[]): [number, number] {
  let lead = 0;
  while (lead < lines.length && isBlank(lines[lead]!)) lead++;
  if (lead === lines.length) return [0, 0];
  let trail = 0;
  while (isBlank(lines[lines.length - 1 - trail]!)) trail++;
  return [lead, trail];
}

function trimBlankEnds(lines: readonly string[]): string[] {
  const [lead, trail] = blankEnds(lines);
  if (lead === 0 && trail === 0 && lines.some((l) => !isBlank(l))) return [...lines];
  if (!lines.some((l) => !isBlank(l))) return [];
  return lines.slice(lead, lines.length - trail);
}

function refuse(code: Extract<StrategyOutcome, { ok: false }>['code'], message: string, candidateLines?: readonly string[]): Extract<StrategyOutcome, { ok: false }> {
  return candidateLines ? { ok: false, code, message, candidate: { kind: 'region', text: candidateLines.join('\n') } } : { ok: false, code, message };
}
