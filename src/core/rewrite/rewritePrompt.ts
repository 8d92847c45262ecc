/**
 * The chat messages for one rewrite: the instruction, the selected code (or the cursor position when
 * nothing is selected), the enclosing function or class, the definitions the selection uses and the
 * file's conventions — fitted into the edit role's window. Context is dropped before the selection
 * is: definitions last-found first, then the surroundings shrink; a selection that alone does not fit
 * is an error that says what to do. A retry with feedback continues the conversation: the previous
 * answer as the assistant's turn and the user's feedback as the next one.
 */
import { countMessages } from '../llm/tokens/contextWindow';
import type { TokenCounter } from '../llm/tokens/tokenCounter';
import type { ChatMessage } from '../llm/types';
import type { Range } from '../edit/types';
import { describeConventions, type FileConventions } from './conventions';
import type { UsedDefinition } from './definitionsUsed';
import type { EnclosingScope } from './enclosingScope';

export interface RewriteInput {
  readonly instruction: string;
  /** Workspace-relative path (or base name) shown to the model and used to pick its code block. */
  readonly fileName: string;
  /** The whole document as the editor has it. */
  readonly text: string;
  /** The selection; an empty range means "generate at the cursor". */
  readonly range: Range;
  /** Retry with feedback: what the model answered last time and what the user said about it. */
  readonly feedback?: { readonly previousAnswer: string; readonly text: string };
}

export interface RewriteContext {
  readonly conventions: FileConventions;
  readonly scope?: EnclosingScope;
  readonly definitions?: readonly UsedDefinition[];
}

export interface PromptBudget {
  readonly counter: TokenCounter;
  /** The edit model's context window. */
  readonly window: number;
  /** Output tokens to reserve for the answer. */
  readonly maxTokens: number;
}

export interface RewritePrompt {
  readonly messages: ChatMessage[];
  readonly promptTokens: number;
  /** What context made it into the prompt (for logs and tests). */
  readonly included: { readonly surroundings: 'scope' | 'lines' | 'none'; readonly definitions: number };
}

export class RewritePromptError extends Error {
  override readonly name = 'RewritePromptError';
}

/** Lines shown around a selection that has no enclosing function or class (and after shrinking). */
const NEARBY_LINES = 20;
const SHRUNK_LINES = 5;
/** Output is never reserved below this, even for a one-line selection. */
const MIN_ANSWER_TOKENS = 256;

const SYSTEM = [
  'You are a careful programmer who edits code exactly as asked.',
  'Answer with ONE fenced code block and nothing else: no explanation before or after it.',
  'Keep the code outside the selection unchanged and do not repeat it; keep names, behaviour and formatting that the instruction does not ask to change.',
  "Follow the file's indentation and style. Never leave code out with placeholders such as `// ... rest of the code`.",
].join('\n');

export function isCursor(range: Range): boolean {
  return range.start.line === range.end.line && range.start.character === range.end.character;
}

export function buildRewritePrompt(input: RewriteInput, context: RewriteContext, budget: PromptBudget): RewritePrompt {
  const lines = input.text.split(/\r\n|\r|\n/);
  const selection = textOfRange(lines, input.range);
  const answerTokens = Math.max(MIN_ANSWER_TOKENS, Math.min(budget.maxTokens, budget.counter.count(selection) * 2 + MIN_ANSWER_TOKENS));
  const definitions = [...(context.definitions ?? [])];
  const attempts: { surroundings: 'scope' | 'lines' | 'none'; span?: { startLine: number; endLine: number } }[] = [];
  const { start, end } = input.range;
  if (context.scope) attempts.push({ surroundings: 'scope', span: { startLine: context.scope.startLine, endLine: context.scope.endLine } });
  attempts.push({ surroundings: 'lines', span: { startLine: Math.max(0, start.line - NEARBY_LINES), endLine: Math.min(lines.length - 1, end.line + NEARBY_LINES) } });
  attempts.push({ surroundings: 'lines', span: { startLine: Math.max(0, start.line - SHRUNK_LINES), endLine: Math.min(lines.length - 1, end.line + SHRUNK_LINES) } });
  attempts.push({ surroundings: 'none' });

  let last: RewritePrompt | undefined;
  for (const attempt of attempts) {
    // Within one shape of surroundings, definitions go first (last-found first).
    for (let n = definitions.length; n >= 0; n--) {
      const messages = assemble(input, context.conventions, lines, selection, attempt.span, definitions.slice(0, n));
      const promptTokens = countMessages(messages, budget.counter);
      last = { messages, promptTokens, included: { surroundings: attempt.surroundings, definitions: n } };
      if (promptTokens + answerTokens <= budget.window) return last;
    }
  }
  throw new RewritePromptError(
    `The ${isCursor(input.range) ? 'request' : 'selection'} needs about ${last?.promptTokens ?? 0} tokens plus ${answerTokens} for the answer, but the edit model's window is ${budget.window} tokens: select less code, or set banyan.models.edit.contextWindow if the model's window is larger.`,
  );
}

function assemble(input: RewriteInput, conventions: FileConventions, lines: readonly string[], selection: string, span: { startLine: number; endLine: number } | undefined, definitions: readonly UsedDefinition[]): ChatMessage[] {
  const lang = conventions.languageId === 'plaintext' ? '' : conventions.languageId;
  const cursor = isCursor(input.range);
  const parts: string[] = [`File: ${input.fileName} (${describeConventions(conventions)})`];
  if (definitions.length) {
    parts.push('Definitions the code uses (for reference, do not repeat them):');
    for (const d of definitions) parts.push(`${d.rel}:${d.startLine + 1} ${d.kind} ${d.name}\n\`\`\`${lang}\n${d.text}\n\`\`\``);
  }
  if (span) {
    const marked = markedSurroundings(lines, span, input.range);
    parts.push(`The code around the ${cursor ? 'cursor' : 'selection'} (lines ${span.startLine + 1}–${span.endLine + 1}; the ${cursor ? 'cursor is marked ⟨CURSOR⟩' : 'selection is between ⟨SELECTION⟩ and ⟨/SELECTION⟩'}):\n\`\`\`${lang}\n${marked}\n\`\`\``);
  }
  if (cursor) {
    parts.push(`Write the code to insert at the cursor (line ${input.range.start.line + 1}). Instruction: ${input.instruction}`);
    parts.push('Answer with only the new code in one fenced code block, indented for its place.');
  } else {
    parts.push(`The selected code (lines ${input.range.start.line + 1}–${input.range.end.line + 1}):\n\`\`\`${lang}\n${selection}\n\`\`\``);
    parts.push(`Instruction: ${input.instruction}`);
    parts.push('Answer with the complete replacement for the selected code only, in one fenced code block.');
  }
  const messages: ChatMessage[] = [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
  if (input.feedback) {
    messages.push(
      { role: 'assistant', content: input.feedback.previousAnswer },
      { role: 'user', content: `That is not right yet. Feedback: ${input.feedback.text}\n\nRewrite the original ${cursor ? 'code to insert' : 'selected code'} again, following the instruction and this feedback. Answer with one fenced code block only.` },
    );
  }
  return messages;
}

/** The span's lines with the selection (or the cursor) marked in place. */
function markedSurroundings(lines: readonly string[], span: { startLine: number; endLine: number }, range: Range): string {
  const out: string[] = [];
  for (let i = span.startLine; i <= span.endLine; i++) {
    let line = lines[i] ?? '';
    if (i === range.end.line) line = isCursor(range) ? `${line.slice(0, range.end.character)}⟨CURSOR⟩${line.slice(range.end.character)}` : `${line.slice(0, range.end.character)}⟨/SELECTION⟩${line.slice(range.end.character)}`;
    if (i === range.start.line && !isCursor(range)) line = `${line.slice(0, range.start.character)}⟨SELECTION⟩${line.slice(range.start.character)}`;
    out.push(line);
  }
  return out.join('\n');
}

/** The text of a range over lines already split (line breaks become \n). */
export function textOfRange(lines: readonly string[], range: Range): string {
  const { start, end } = range;
  if (start.line === end.line) return (lines[start.line] ?? '').slice(start.character, end.character);
  const out = [(lines[start.line] ?? '').slice(start.character)];
  for (let i = start.line + 1; i < end.line; i++) out.push(lines[i] ?? '');
  out.push((lines[end.line] ?? '').slice(0, end.character));
  return out.join('\n');
}
