/**
 * Loads the next-edit format golden cases: one TOML file per format under golden/formats/, holding
 * render cases (a document, its region, the cursor and recent edits → the exact prompt) and parse cases
 * (a model answer → the region's new text, "no change", or a refusal naming why).
 *
 *   [[render]]  name, path, document, region = "S-E", context = "S-E", cursor = "L:C",
 *               prompt (raw formats) or system + user (chat), stop = [...]
 *   [[render.events]]  path, startLine, old, new        (old/new: lines joined by \n; "" = none)
 *   [[render.related]] path, startLine, text
 *   [[parse]]   name, document, region, cursor, answer, truncated?, and one of
 *               expected (the region's new text) / none = true / invalid = "part of the reason"
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import type { NextEditPromptInput, PromptEvent, RelatedSnippet } from '@src/core/nextEdit/formats/nextEditFormat';

export interface RenderCase {
  readonly name: string;
  readonly input: NextEditPromptInput;
  readonly prompt?: string;
  readonly system?: string;
  readonly user?: string;
  readonly stop: readonly string[];
}

export interface ParseCase {
  readonly name: string;
  readonly input: NextEditPromptInput;
  readonly answer: string;
  readonly truncated: boolean;
  readonly expected?: string;
  readonly none?: boolean;
  readonly invalid?: string;
}

type Raw = Record<string, unknown>;
const str = (r: Raw, k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
const lines = (t: string) => (t === '' ? [] : t.split('\n'));
const range = (t: string) => {
  const [s, e] = t.split('-').map(Number);
  return { startLine: s!, endLine: e! };
};

function input(r: Raw): NextEditPromptInput {
  const document = str(r, 'document') ?? '';
  const docLines = document.split('\n');
  const region = range(str(r, 'region') ?? '0-0');
  const [line, character] = (str(r, 'cursor') ?? '0:0').split(':').map(Number);
  const events: PromptEvent[] = ((r.events as Raw[] | undefined) ?? []).map((e) => ({ path: str(e, 'path')!, startLine: e.startLine as number, oldLines: lines(str(e, 'old') ?? ''), newLines: lines(str(e, 'new') ?? '') }));
  const related: RelatedSnippet[] = ((r.related as Raw[] | undefined) ?? []).map((x) => ({ path: str(x, 'path')!, startLine: x.startLine as number, text: str(x, 'text')! }));
  return {
    path: str(r, 'path') ?? 'src/example.ts',
    ...(str(r, 'languageId') ? { languageId: str(r, 'languageId')! } : {}),
    lines: docLines,
    region,
    context: str(r, 'context') ? range(str(r, 'context')!) : { startLine: 0, endLine: docLines.length - 1 },
    cursor: { line: line!, character: character! },
    events,
    related,
  };
}

export function loadFormatCases(format: string): { render: RenderCase[]; parse: ParseCase[] } {
  const raw = parse(readFileSync(path.join(__dirname, 'golden', 'formats', `${format}.toml`), 'utf8')) as Raw;
  const render = ((raw.render as Raw[] | undefined) ?? []).map((r): RenderCase => ({
    name: str(r, 'name')!,
    input: input(r),
    ...(str(r, 'prompt') !== undefined ? { prompt: str(r, 'prompt')! } : {}),
    ...(str(r, 'system') !== undefined ? { system: str(r, 'system')!, user: str(r, 'user')! } : {}),
    stop: (r.stop as string[] | undefined) ?? [],
  }));
  const parseCases = ((raw.parse as Raw[] | undefined) ?? []).map((r): ParseCase => ({
    name: str(r, 'name')!,
    input: input(r),
    answer: str(r, 'answer') ?? '',
    truncated: r.truncated === true,
    ...(str(r, 'expected') !== undefined ? { expected: str(r, 'expected')! } : {}),
    ...(r.none === true ? { none: true } : {}),
    ...(str(r, 'invalid') !== undefined ? { invalid: str(r, 'invalid')! } : {}),
  }));
  return { render, parse: parseCases };
}
