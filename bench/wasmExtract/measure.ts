/**
 * npm run bench:wasm-extract — measures a proposal, not the product (see README.md here).
 *
 * Over the TypeScript and JavaScript files of bench:index's default corpus, medians of 5 runs:
 *   webParseMs       web-tree-sitter: decode + parse (the index's parse today)
 *   webExtractMs     web-tree-sitter: extractFromTree on those trees (query matches + the JS that turns them into symbols)
 *   customParseMs    one clang-built module per grammar: parse of the UTF-8 bytes
 *   customQueryMs    the same module: the extraction query, captures written as ints (no JS objects)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { WASI } from 'node:wasi';
import { lineStartsOf } from '../../src/core/index/extract/chunker';
import { extractFromTree } from '../../src/core/index/extract/fileExtractor';
import { javascriptSpec } from '../../src/core/index/extract/languages/javascript';
import { typescriptSpec } from '../../src/core/index/extract/languages/typescript';
import { type LanguageId, languageOf } from '../../src/core/index/languages';
import { TreeSitterRuntime } from '../../src/core/index/parse/treeSitterRuntime';
import { looksBinary, looksMinified } from '../../src/core/index/scan/binaryDetection';
import { corpusFiles, defaultCorpusRoots, THIRD_PARTY } from '../indexCorpus';

const REPO = path.resolve(__dirname, '../..');
const MODULES = path.join(REPO, 'node_modules', '.cache', 'banyan-bench', 'wasm-extract');
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Exports {
  memory: WebAssembly.Memory;
  alloc(n: number): number;
  release(p: number): void;
  init(query: number, length: number): number;
  parse(text: number, length: number): number;
  query(depth: number): number;
  drop(): void;
}

interface Setup {
  readonly id: LanguageId;
  readonly files: Buffer[];
  readonly ex: Exports;
  readonly loaded: Awaited<ReturnType<TreeSitterRuntime['language']>>;
}

async function main(): Promise<void> {
  const corpus = await corpusFiles(defaultCorpusRoots(), THIRD_PARTY);
  const decoder = new TextDecoder();
  const runtime = await TreeSitterRuntime.create();
  const languages: [LanguageId, string][] = [['javascript', javascriptSpec.query], ['typescript', typescriptSpec.query]];
  const setups: Setup[] = [];
  for (const [id, query] of languages) {
    const files = corpus.filter((p) => languageOf(p) === id).map((p) => readFileSync(p)).filter((b) => !looksBinary(b) && !looksMinified(lineStartsOf(decoder.decode(b))));
    const wasi = new WASI({ version: 'preview1' });
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(path.join(MODULES, `${id}.wasm`))), wasi.getImportObject() as WebAssembly.Imports);
    wasi.initialize(instance);
    const ex = instance.exports as unknown as Exports;
    // The index's main query: constants go to a second query over the top two levels (only the web side runs that one).
    const text = Buffer.from(query.split('\n').filter((l) => !l.includes('@definition.constant')).join('\n'), 'utf8');
    const at = ex.alloc(text.length);
    new Uint8Array(ex.memory.buffer).set(text, at);
    if (ex.init(at, text.length) !== 0) throw new Error(`the ${id} query does not compile in the prototype`);
    setups.push({ id, files, ex, loaded: await runtime.language(id) });
  }
  // Each pass times parsing and extraction separately, file by file (no differences of two noisy totals).
  const custom = () => {
    let parse = 0;
    let query = 0;
    for (const s of setups) {
      for (const b of s.files) {
        const at = s.ex.alloc(b.length);
        new Uint8Array(s.ex.memory.buffer).set(b, at);
        const t0 = performance.now();
        s.ex.parse(at, b.length);
        const t1 = performance.now();
        s.ex.query(8);
        query += performance.now() - t1;
        parse += t1 - t0;
        s.ex.drop();
        s.ex.release(at);
      }
    }
    return { parse, query };
  };
  const web = () => {
    let parse = 0;
    let extract = 0;
    for (const s of setups) {
      runtime.parser.setLanguage(s.loaded.language);
      for (const b of s.files) {
        const t0 = performance.now();
        const text = decoder.decode(b);
        const tree = runtime.parser.parse(text)!;
        const t1 = performance.now();
        extractFromTree(s.loaded.spec, s.loaded.queries, tree, text, lineStartsOf(text));
        extract += performance.now() - t1;
        parse += t1 - t0;
        tree.delete();
      }
    }
    return { parse, extract };
  };
  const runs = { webParseMs: [] as number[], webExtractMs: [] as number[], customParseMs: [] as number[], customQueryMs: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const c = custom();
    runs.customParseMs.push(c.parse);
    runs.customQueryMs.push(c.query);
    const w = web();
    runs.webParseMs.push(w.parse);
    runs.webExtractMs.push(w.extract);
  }
  const out = {
    files: setups.reduce((n, s) => n + s.files.length, 0),
    bytes: setups.reduce((n, s) => n + s.files.reduce((m, b) => m + b.length, 0), 0),
    ...Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Math.round(median(v))])),
    runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map(Math.round)])),
  };
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
