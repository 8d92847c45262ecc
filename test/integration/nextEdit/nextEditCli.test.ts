/**
 * `banyan next-edit` from the built CLI: `--locations` (the contract ../shared/bench/next-edit reads:
 * the region and ranked locations, workspace-relative, 0-based inclusive lines), the edits from a model
 * (the fake server as the edit role's chat model), and the usage errors.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyTextEdits } from '@src/core/edit';
import { FakeModelServer, type ModelRequest } from '../../fixtures/fakeModelServer';
import { CLI_JS } from '../helpers/lspSession';

const PRICE = `export interface Item {
  price: number;
  quantity: number;
}

export function totalPrice(items: Item[]): number {
  let sum = 0;
  for (const item of items) sum += item.price * item.quantity;
  return sum;
}
`;
const CART = `import { Item, sumPrice } from './price';

export class Cart {
  private items: Item[] = [];

  add(item: Item): void {
    this.items.push(item);
  }

  total(): number {
    return sumPrice(this.items);
  }
}
`;
/** The user renamed sumPrice to totalPrice at its definition; its uses in cart.ts are left. */
const HISTORY = `--- a/src/price.ts
+++ b/src/price.ts
@@ -6,1 +6,1 @@
-export function sumPrice(items: Item[]): number {
+export function totalPrice(items: Item[]): number {
`;

type TextRange = { start: { line: number; character: number }; end: { line: number; character: number } };

interface LocationsOutput {
  region: { file: string; startLine: number; endLine: number };
  locations: { file: string; startLine: number; endLine: number; score: number; reason: string }[];
  timings: Record<string, number>;
}

describe('banyan next-edit', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-next-edit-cli-'));
  const ws = path.join(tmp, 'ws');
  const storage = path.join(tmp, 'store');
  const history = path.join(tmp, 'history.diff');
  const fake = new FakeModelServer({ models: ['qwen2.5-coder:7b-instruct'] });

  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI_JS, 'next-edit', '--workspace', ws, '--storage', storage, ...args], { env: { ...process.env, BANYAN_API_KEY: '' } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => resolve({ code, out, err }));
    });
  const atDefinition = ['--file', 'src/price.ts', '--line', '5', '--character', '26', '--history', history];

  before(async () => {
    mkdirSync(path.join(ws, 'src'), { recursive: true });
    writeFileSync(path.join(ws, 'src', 'price.ts'), PRICE);
    writeFileSync(path.join(ws, 'src', 'cart.ts'), CART);
    writeFileSync(history, HISTORY);
    await fake.start();
  });
  after(async () => {
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('--locations: the region around the cursor and the renamed name\'s remaining uses in the file that imports it', async () => {
    const r = await cli(...atDefinition, '--locations');
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as LocationsOutput;
    assert.equal(out.region.file, 'src/price.ts');
    assert.ok(out.region.startLine <= 5 && 5 <= out.region.endLine, JSON.stringify(out.region));
    const cartUses = [0, 10];
    for (const line of cartUses) {
      const hit = out.locations.findIndex((l) => l.file === 'src/cart.ts' && l.startLine <= line && line <= l.endLine);
      assert.ok(hit >= 0 && hit < 3, `cart.ts line ${line} not among the first three locations: ${JSON.stringify(out.locations)}`);
      assert.equal(out.locations[hit]!.reason, 'renamed-identifier');
    }
    const lineCount: Record<string, number> = { 'src/price.ts': PRICE.split('\n').length, 'src/cart.ts': CART.split('\n').length };
    for (const l of out.locations) assert.ok(l.startLine <= l.endLine && l.endLine < lineCount[l.file]! && l.score > 0, `a location past its file's end or unscored: ${JSON.stringify(l)}`);
    assert.ok(out.timings.locate! >= 0 && out.timings.command! >= out.timings.locate!);
  });

  it('--locations answers the same from the index commands\' bundle and, with a model flag, from the registry\'s', async () => {
    const plain = await cli(...atDefinition, '--locations', '--json');
    const withModelFlag = await cli(...atDefinition, '--locations', '--model', 'qwen2.5-coder:7b-instruct');
    assert.equal(plain.code, 0, plain.err);
    assert.equal(withModelFlag.code, 0, withModelFlag.err);
    const answer = (out: string) => {
      const { region, locations } = JSON.parse(out) as LocationsOutput;
      return { region, locations };
    };
    assert.ok(answer(plain.out).locations.length > 0);
    assert.deepEqual(answer(withModelFlag.out), answer(plain.out));
  });

  it('with a model: the edits of the predicted change, as JSON', async () => {
    fake.addRule({
      route: '/v1/chat/completions',
      reply: (req: ModelRequest) => {
        const user = String((req.body as { messages: { content: string }[] }).messages.at(-1)!.content);
        const region = /<\|editable_region_start\|>\n([\s\S]*?)\n<\|editable_region_end\|>/.exec(user)?.[1]?.replace('<|user_cursor_is_here|>', '') ?? '';
        return { text: region.includes('sumPrice') ? `\`\`\`ts\n${region.replace(/sumPrice/g, 'totalPrice')}\n\`\`\`` : 'NO_CHANGE' };
      },
    });
    const r = await cli('--file', 'src/cart.ts', '--line', '10', '--character', '4', '--history', history, '--json', '--provider', 'openai-compatible', '--base-url', fake.openaiBaseUrl, '--model', 'qwen2.5-coder:7b-instruct');
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out) as { edits: { file: string; range: TextRange; newText: string }[]; timings: { requests: number } };
    assert.ok(out.edits.every((e) => e.file === 'src/cart.ts'), r.out);
    // Minimal edits ("sum" → "total" twice): applied, they leave no use of the old name.
    assert.equal(applyTextEdits(CART, out.edits), CART.replace(/sumPrice/g, 'totalPrice'));
    assert.equal(out.timings.requests, 1);
  });

  it('refuses what it cannot use with one line and exit code 2', async () => {
    const noFile = await cli('--line', '0', '--character', '0');
    assert.equal(noFile.code, 2);
    assert.match(noFile.err, /^banyan: next-edit needs --file FILE --line L --character C/);
    const pastEnd = await cli('--file', 'src/price.ts', '--line', '99', '--character', '0', '--locations');
    assert.equal(pastEnd.code, 2);
    assert.match(pastEnd.err, /--line 99 is past the end of the file/);
    const badHistory = path.join(tmp, 'bad.diff');
    writeFileSync(badHistory, '--- a/x\n+++ b/x\n@@ -1,2 +1,1 @@\n-a\n');
    const bad = await cli('--file', 'src/price.ts', '--line', '0', '--character', '0', '--history', badHistory, '--locations');
    assert.equal(bad.code, 2, bad.out);
    assert.match(bad.err, /--history .*bad\.diff/);
  });
});
