/**
 * Finds the code in a whole-replacement answer: the one code block meant for this document (by its
 * file name, then its language tag; shell and output blocks are never it), or, without fences, the
 * bare text minus, in code files, an opening sentence and a closing explanation. Two candidate
 * blocks, an unclosed block or a declining answer are refused.
 */
import { isDeclining, stripClosingExplanation, stripPreamble } from './answerText';
import { parseFences, PATH_COMMENT, sameFile, type CodeBlock } from './codeFences';
import { documentLanguage, fenceLanguageFit, isProgrammingLanguage } from './fenceLanguages';
import { refuse, type StrategyInput, type StrategyRefusal } from './strategies/editStrategy';

export type PickedCode = { ok: true; code: string } | StrategyRefusal;

export function pickCode({ answer, region, options }: StrategyInput, notes: string[]): PickedCode {
  const parsed = parseFences(answer);
  if (parsed.blocks.length === 0) {
    if (parsed.strayFence) return refuse('unterminated-fence', 'The answer contains a broken code fence, so it was probably cut off. Ask again.');
    // Sentences around bare code are only recognisable in a programming language (in Markdown,
    // YAML or plain text a sentence may be content).
    const prose = !isProgrammingLanguage(documentLanguage(region.languageId, options.fileName));
    if (!prose && isDeclining(parsed.prose)) {
      const first = parsed.prose.find((l) => l.trim() !== '')!.trim();
      return refuse('no-code', `The model declined instead of answering with code ("${first.length > 80 ? `${first.slice(0, 77)}...` : first}"). Rephrase the instruction or try another model.`);
    }
    const opened = prose ? { lines: [...parsed.prose], stripped: false } : stripPreamble(parsed.prose);
    if (opened.stripped) notes.push('dropped the sentence before the code');
    const closed = prose ? { lines: opened.lines, stripped: false } : stripClosingExplanation(opened.lines);
    if (closed.stripped) notes.push('dropped the explanation after the code');
    notes.push('the answer had no code fence; it was taken as code');
    const code = closed.lines.join('\n');
    if (code.trim() === '') return refuse('empty-answer', 'The answer holds no code. Ask again, or rephrase the instruction.');
    return { ok: true, code };
  }
  const unclosed = parsed.blocks.find((b) => !b.closed);
  if (unclosed) {
    return refuse('unterminated-fence', 'The answer\'s code block is not closed (the output was probably cut off, or a fence is missing), so nothing is applied. Ask again, or raise the model\'s output token limit.', unclosed.content.split('\n'));
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
  const code = unwrapDoubledFence(distinct[0]!, language, notes);
  return { ok: true, code: withoutPathComment(code, options.fileName, region.documentText, notes) };
}

/**
 * Some models label a block with its file in a first-line comment (`// filepath: src/app.ts`, as
 * Copilot does). That line is a label, not code, unless the file already starts with it.
 */
function withoutPathComment(code: string, fileName: string | undefined, documentText: string, notes: string[]): string {
  const newline = code.indexOf('\n');
  const first = newline < 0 ? code : code.slice(0, newline);
  const m = PATH_COMMENT.exec(first);
  if (!m) return code;
  const labelled = m[1] !== undefined || (fileName !== undefined && sameFile(m[2]!, fileName));
  if (!labelled || documentText.split(/\r\n|\r|\n/).some((l) => l.trim() === first.trim())) return code;
  notes.push('dropped the file-path comment that labelled the code block');
  return newline < 0 ? '' : code.slice(newline + 1);
}

/** A block whose whole content is one more fenced block (the model fenced twice) is unwrapped; in Markdown that is content. */
function unwrapDoubledFence(code: string, language: string | undefined, notes: string[]): string {
  if (language === 'markdown') return code;
  const inner = parseFences(code);
  if (inner.blocks.length !== 1 || !inner.blocks[0]!.closed || inner.prose.some((l) => l.trim() !== '')) return code;
  notes.push('unwrapped a doubled code fence');
  return inner.blocks[0]!.content;
}
