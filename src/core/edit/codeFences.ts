/**
 * Markdown code fences in a model answer. Follows CommonMark (``` or ~~~, closed by a fence of the
 * same character at least as long) with one allowance for real model output: inside a block, a
 * fence line of the same length *with* an info string opens a nested block (a README snippet inside
 * the README being rewritten) and the next bare fence closes that one, not the outer block.
 */

export interface CodeBlock {
  /** The info string after the opening fence, trimmed (`ts`, `diff`, `ts src/app.ts`…). */
  readonly info: string;
  /** The first info word when it names a language (lower case), else undefined. */
  readonly language: string | undefined;
  /** A file path named in the info string or on the line right before the fence, else undefined. */
  readonly fileName: string | undefined;
  readonly content: string;
  /** False when the answer ended inside the block (cut off, or the model forgot to close it). */
  readonly closed: boolean;
}

export interface FencedAnswer {
  readonly blocks: readonly CodeBlock[];
  /** The lines outside any block. */
  readonly prose: readonly string[];
  /** A line made only of one or two backticks: a fence cut off mid-way. */
  readonly strayFence: boolean;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const STRAY_FENCE = /^\s*`{1,2}\s*$/;

export function parseFences(answer: string): FencedAnswer {
  const lines = answer.split('\n');
  const blocks: CodeBlock[] = [];
  const prose: string[] = [];
  let strayFence = false;
  let open: { marker: string; indent: number; info: string; fileName: string | undefined; content: string[]; depth: number } | undefined;

  for (const line of lines) {
    const m = FENCE.exec(line);
    if (!open) {
      if (m && !(m[2]!.startsWith('`') && m[3]!.includes('`'))) {
        const info = m[3]!.trim();
        open = { marker: m[2]!, indent: m[1]!.length, info, fileName: fileNameFrom(info) ?? fileNameLine(prose), content: [], depth: 0 };
      } else {
        if (STRAY_FENCE.test(line)) strayFence = true;
        prose.push(line);
      }
      continue;
    }
    const sameFence = m !== null && m[2]![0] === open.marker[0] && m[2]!.length >= open.marker.length;
    if (sameFence && m[3]!.trim() === '') {
      if (open.depth > 0) {
        open.depth--;
        open.content.push(stripIndent(line, open.indent));
      } else {
        blocks.push(toBlock(open, true));
        open = undefined;
      }
      continue;
    }
    if (sameFence && m[2]!.length === open.marker.length) open.depth++;
    open.content.push(stripIndent(line, open.indent));
  }
  if (open) blocks.push(toBlock(open, false));
  return { blocks, prose, strayFence };
}

/** A first-line comment naming the block's file: `// filepath: src/app.ts`, `# app.py`. */
export const PATH_COMMENT = /^\s*(?:\/\/|#|--|\/\*|<!--)\s*(filepath|file|filename|path)?\s*:?\s*([\w@.~/\\-]+\.\w+)\s*(?:\*\/|-->)?\s*$/i;

function toBlock(open: { info: string; fileName: string | undefined; content: string[] }, closed: boolean): CodeBlock {
  const word = /^[^\s:]+/.exec(open.info)?.[0].toLowerCase();
  const language = word && !/[./\\]/.test(word) ? word : undefined;
  const labelled = PATH_COMMENT.exec(open.content[0] ?? '');
  const fileName = open.fileName ?? (labelled?.[1] !== undefined ? labelled[2] : undefined);
  return { info: open.info, language, fileName, content: open.content.join('\n'), closed };
}

/** Fence content is indented like its fence (inside list items); remove up to that much. */
function stripIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && line[i] === ' ') i++;
  return line.slice(i);
}

const PATH_TOKEN = /^[\w@.~-][\w@./\\~-]*\.[\w]+$|^[\w@.~-]+[/\\][\w@./\\~-]+$/;

/** `ts src/app.ts`, `src/app.ts`, `ts:src/app.ts`, `ts title="app.ts"` → the path. */
function fileNameFrom(info: string): string | undefined {
  for (const raw of info.split(/[\s:]+/)) {
    const token = raw.replace(/^(title|file|filename|path)=/, '').replace(/^["']|["']$/g, '');
    if (PATH_TOKEN.test(token)) return token;
  }
  return undefined;
}

/** Aider writes the path alone on the line before the fence (sometimes in backticks or bold). */
function fileNameLine(prose: readonly string[]): string | undefined {
  const last = prose[prose.length - 1]?.trim().replace(/^[*`#\s]+|[*`:\s]+$/g, '');
  return last && PATH_TOKEN.test(last) ? last : undefined;
}

/** True when a path named by the model refers to the document (same path, or one ends with the other). */
export function sameFile(named: string, fileName: string): boolean {
  const a = named.replace(/\\/g, '/').replace(/^(\.\/|[ab]\/)/, '');
  const b = fileName.replace(/\\/g, '/');
  if (a === b) return true;
  // A bare name ("app.ts") matches by base name; a path must match a whole tail of the other path.
  return b.endsWith(`/${a}`) || a.endsWith(`/${b}`) || (!a.includes('/') && baseName(a) === baseName(b));
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
