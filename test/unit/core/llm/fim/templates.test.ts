import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { detectFamily } from '@src/core/llm/fim/detectFamily';
import type { FimTemplateId } from '@src/core/llm/fim/fimTemplate';
import { FIM_TEMPLATES } from '@src/core/llm/fim/templates';

interface GoldenCase {
  name: string;
  prefix: string;
  suffix: string;
  file?: string;
  language?: string;
  repo?: string;
  snippets?: { path: string; content: string }[];
  prompt?: string;
  suffix_field?: string;
  system?: string;
  user?: string;
  answer?: string;
  cleaned?: string;
}

const GOLDEN = path.join(__dirname, 'golden');
const files = readdirSync(GOLDEN).filter((f) => f.endsWith('.toml') && f !== 'detect-family.toml');

describe('FIM templates (golden cases in test/unit/core/llm/fim/golden)', () => {
  it('every template has a golden file', () => {
    assert.deepEqual(files.map((f) => f.replace(/\.toml$/, '')).sort(), Object.keys(FIM_TEMPLATES).sort());
  });

  for (const file of files) {
    const doc = parse(readFileSync(path.join(GOLDEN, file), 'utf8')) as unknown as { template: FimTemplateId; stop: string[]; case: GoldenCase[] };
    const template = FIM_TEMPLATES[doc.template];
    describe(file, () => {
      for (const c of doc.case) {
        it(c.name, () => {
          const out = template.render({
            prefix: c.prefix, suffix: c.suffix,
            ...(c.file ? { filePath: c.file } : {}), ...(c.language ? { languageId: c.language } : {}),
            ...(c.repo ? { repoName: c.repo } : {}), ...(c.snippets ? { snippets: c.snippets } : {}),
          });
          assert.deepEqual(out.stop, doc.stop, 'stop tokens');
          if (out.kind === 'raw') assert.equal(out.prompt, c.prompt);
          else if (out.kind === 'suffix') {
            assert.equal(out.prompt, c.prompt);
            assert.equal(out.suffix, c.suffix_field);
          } else {
            assert.deepEqual(out.messages.map((m) => m.content), [c.system, c.user]);
            if (c.answer !== undefined) assert.equal(template.clean!(c.answer), c.cleaned);
          }
        });
      }
    });
  }
});

describe('detectFamily', () => {
  const { cases } = parse(readFileSync(path.join(GOLDEN, 'detect-family.toml'), 'utf8')) as unknown as { cases: [string, string][] };
  for (const [model, expected] of cases) {
    it(`${model} → ${expected || 'chat-style prompt'}`, () => assert.equal(detectFamily(model) ?? '', expected));
  }
});
