/**
 * Golden cases of each suggestion filter (golden/filters/<name>.toml): a document, the user's recent
 * edits, the suggested document, and whether the filter drops the suggestion.
 *
 *   [[case]] name, document, suggested, drop = true|false, reason? (part of the reason)
 *            allowWhitespaceOnly?, maxChangedLines?, rejected = [suggested documents rejected before]
 *   [[case.history]] newStart, old, new, accepted?   (lines joined by \n; "" = none; oldest first)
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { computeTextEdits } from '@src/core/edit/computeTextEdits';
import { SUGGESTION_FILTERS } from '@src/core/nextEdit/filters/filterSuggestion';
import { RejectionMemory } from '@src/core/nextEdit/rejectionMemory';
import type { HistoryHunk } from '@src/core/nextEdit/types';

const DIR = path.join(__dirname, 'golden', 'filters');
const FILE = '/w/doc.ts';
const lines = (t: string) => (t === '' ? [] : t.split('\n'));

describe('next-edit suggestion filters', () => {
  it('every filter has golden cases', () => {
    const files = readdirSync(DIR).map((f) => f.replace(/\.toml$/, ''));
    assert.deepEqual(files.sort(), SUGGESTION_FILTERS.map((f) => f.name).sort());
  });
  for (const filter of SUGGESTION_FILTERS) {
    const raw = parse(readFileSync(path.join(DIR, `${filter.name}.toml`), 'utf8')) as { case: Record<string, unknown>[] };
    describe(filter.name, () => {
      for (const c of raw.case) {
        it(String(c.name), () => {
          const document = String(c.document);
          const suggested = String(c.suggested);
          const history: HistoryHunk[] = ((c.history as Record<string, unknown>[] | undefined) ?? []).map((h, i) => ({ file: FILE, newStart: h.newStart as number, oldLines: lines(String(h.old)), newLines: lines(String(h.new)), seq: i, ...(h.accepted === true ? { accepted: true } : {}) }));
          const memory = new RejectionMemory();
          for (const r of (c.rejected as string[] | undefined) ?? []) memory.reject(FILE, computeTextEdits(document, r).edits, document);
          const reason = filter.check({ file: FILE, document, newText: suggested, edits: computeTextEdits(document, suggested).edits }, {
            history,
            rejectedBefore: (f, e, d) => memory.wasRejected(f, e, d),
            allowWhitespaceOnly: c.allowWhitespaceOnly === true,
            maxChangedLines: (c.maxChangedLines as number | undefined) ?? 20,
          });
          assert.equal(reason !== undefined, c.drop === true, reason ?? 'kept');
          if (c.reason) assert.match(reason ?? '', new RegExp(String(c.reason)));
        });
      }
    });
  }
});
