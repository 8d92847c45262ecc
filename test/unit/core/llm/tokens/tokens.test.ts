import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { budgetFor, contextWindowFor, countMessages, trimFim, trimMessages } from '@src/core/llm/tokens/contextWindow';
import { counterForModel } from '@src/core/llm/tokens/counterForModel';
import { estimateCounter, estimateTokens } from '@src/core/llm/tokens/estimateTokens';
import { tiktokenCounter } from '@src/core/llm/tokens/tiktokenCounter';
import { countOnce } from '@src/core/llm/tokens/tokenCounter';
import type { ChatMessage } from '@src/core/llm/types';

const ROOT = path.resolve(__dirname, '../../../../..');
function sources(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const f = path.join(dir, n);
    if (statSync(f).isDirectory()) sources(f, out);
    else if (/\.(ts|js)$/.test(n)) out.push(f);
  }
  return out;
}

describe('token counting', () => {
  it('tiktoken counts exactly for OpenAI models (known values) and treats special-token text as text', () => {
    const o200k = tiktokenCounter('o200k_base');
    assert.equal(o200k.count('hello world'), 2);
    assert.ok(o200k.count('<|endoftext|>') > 1);
    assert.equal(counterForModel('gpt-4o-mini').name, 'o200k_base');
    assert.equal(counterForModel('gpt-4-0613').name, 'cl100k_base');
    assert.equal(counterForModel('qwen2.5-coder:7b').exact, false);
  });

  it('the estimate is calibrated on code: over this repo\'s sources it is 1.0–1.4× cl100k in total and never far below per file', () => {
    const cl = tiktokenCounter('cl100k_base');
    let est = 0;
    let real = 0;
    let worst = Infinity;
    for (const f of sources(path.join(ROOT, 'src'))) {
      const text = readFileSync(f, 'utf8');
      if (text.length < 1000) continue;
      const e = estimateTokens(text);
      const r = cl.count(text);
      est += e;
      real += r;
      worst = Math.min(worst, e / r);
    }
    const ratio = est / real;
    assert.ok(ratio >= 1.0 && ratio <= 1.4, `total ratio ${ratio.toFixed(2)}`);
    assert.ok(worst >= 0.85, `worst file ratio ${worst.toFixed(2)}`);
  });

  it('counts non-ASCII text about one token a character', () => {
    assert.equal(estimateTokens('日本語'), 3);
  });

  it('counts the pieces the calibrated pattern matched, on every source file and on the edge cases', () => {
    // The pattern the estimate was calibrated with, and its per-piece counts: the scan must agree exactly.
    const PIECES = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|\n[ \t]*|[ \t]+|[\u0080-\uffff]|[^\sA-Za-z\d\u0080-\uffff]+/g;
    const byPattern = (text: string) => {
      let n = 0;
      for (const [s] of text.matchAll(PIECES)) {
        const c = s.charCodeAt(0);
        if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n += Math.ceil(s.length / 7);
        else if (c >= 48 && c <= 57) n += Math.ceil(s.length / 3);
        else if (c === 10) n += 1 + Math.floor((s.length - 1) / 16);
        else if (c === 32 || c === 9) n += s.length > 1 ? 1 : 0;
        else if (c >= 0x80) n += 1;
        else n += Math.ceil(s.length / 2);
      }
      return n;
    };
    const edges = ['', 'A', 'AB', 'ABc', 'ABCDEFGHIJKLMNOPdef', 'aBCd', 'HTTPServer2', 'x\r\ny', '\f\v\r', '\n\t \t  \t                    x', '  ', '\t',
      '__init__', '=> );', 'a_b$c', '😀 é', 'snake_case_name42', '0x1F', '\u0000\u001f\u007f', 'ÀB'];
    for (const t of edges) assert.equal(estimateTokens(t), byPattern(t), JSON.stringify(t));
    for (const f of sources(path.join(ROOT, 'src'))) {
      const text = readFileSync(f, 'utf8');
      assert.equal(estimateTokens(text), byPattern(text), f);
    }
  });
});

describe('context window arithmetic', () => {
  it('window from the setting, the model name, or Ollama\'s num_ctx', () => {
    assert.equal(contextWindowFor('anything', 'openai-compatible', 4096), 4096);
    assert.equal(contextWindowFor('claude-sonnet-4-5', 'anthropic', 0), 200_000);
    assert.equal(contextWindowFor('Qwen/Qwen2.5-Coder-7B', 'openai-compatible', 0), 32_768);
    assert.equal(contextWindowFor('qwen2.5-coder:7b', 'ollama', 0), 8192);
    assert.equal(contextWindowFor('mystery', 'openai-compatible', 0), 8192);
  });

  it('budget lowers max tokens to fit and says when the prompt itself does not fit', () => {
    assert.deepEqual(budgetFor(1000, 900, 500), { window: 1000, promptTokens: 900, maxTokens: 100, fits: true });
    assert.equal(budgetFor(1000, 995, 500).fits, false);
    assert.equal(budgetFor(1000, 400, 500).maxTokens, 500);
  });

  it('trimMessages keeps the system prompt and the newest turn, drops old turns and orphaned tool results', () => {
    const long = 'word '.repeat(200);
    const msgs: ChatMessage[] = [
      { role: 'system', content: 'rules' },
      { role: 'user', content: long },
      { role: 'assistant', content: '', toolCalls: [{ id: '1', name: 't', arguments: {}, rawArguments: '{}' }] },
      { role: 'tool', toolCallId: '1', content: long },
      { role: 'user', content: 'latest question' },
    ];
    const out = trimMessages(msgs, 60, estimateCounter)!;
    assert.deepEqual(out.map((m) => m.role), ['system', 'user']);
    assert.equal(out[1]!.content, 'latest question');
    assert.ok(countMessages(out, estimateCounter) <= 60);
    assert.equal(trimMessages([{ role: 'user', content: long }], 10, estimateCounter), undefined);
  });

  it('trimFim drops snippets first, then cuts the prefix from the top and the suffix from the bottom at line boundaries', () => {
    const prefix = Array.from({ length: 100 }, (_, i) => `p${i}`).join('\n');
    const suffix = Array.from({ length: 100 }, (_, i) => `s${i}`).join('\n');
    const out = trimFim({ prefix, suffix, snippets: [{ path: 'a', content: 'x '.repeat(500) }] }, 120, estimateCounter);
    assert.deepEqual(out.snippets, []);
    assert.ok(out.prefix.endsWith('p99') && !out.prefix.includes('p0\n'));
    assert.ok(out.suffix.startsWith('s0\n') && !out.suffix.includes('s99'));
    assert.ok(estimateCounter.count(out.prefix) + estimateCounter.count(out.suffix) <= 120);
    assert.ok(estimateCounter.count(out.prefix) > estimateCounter.count(out.suffix), 'prefix gets the larger share');
  });

  it('countOnce counts each distinct text once and fits a prompt exactly as the counter it wraps', () => {
    const counted: string[] = [];
    const spy = { ...estimateCounter, count: (t: string) => (counted.push(t), estimateCounter.count(t)) };
    const prefix = Array.from({ length: 60 }, (_, i) => `const p${i} = compute(${i});`).join('\n');
    const suffix = Array.from({ length: 30 }, (_, i) => `s${i}();`).join('\n');
    const snippets = [0, 1, 2, 3].map((i) => ({ path: `lib/m${i}.ts`, content: `export function m${i}(a: number) {\n  return a * ${i};\n}\n`.repeat(4) }));
    for (const budget of [2000, 300, 120]) {
      const once = countOnce(spy);
      counted.length = 0;
      assert.deepEqual(trimFim({ prefix, suffix, snippets }, budget, once, 20), trimFim({ prefix, suffix, snippets }, budget, estimateCounter, 20), `budget ${budget}`);
      assert.equal(new Set(counted).size, counted.length, `budget ${budget}: no text counted twice`);
      assert.equal(once.count(prefix), estimateCounter.count(prefix));
    }
  });
});
