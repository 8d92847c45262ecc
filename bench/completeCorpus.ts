// The typing replay's corpus and lines (bench/complete.mjs), shared with bench/completeContextCpu.ts.
import fs from 'node:fs';
import path from 'node:path';
import { SeededRandom } from '../src/core/eval/seededRandom';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The same generator as the evaluation's (mulberry32), so a seed picks the same lines everywhere. */
export function rng(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

export const PACKAGES = ['vscode-jsonrpc/lib', 'vscode-languageserver/lib', 'vscode-languageserver-protocol/lib', 'vscode-languageclient/lib'];
export function buildWorkspace(dir: string): void {
  for (const p of PACKAGES) {
    const src = path.join(root, 'node_modules', p);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, p.split('/')[0]), { recursive: true, filter: (f) => fs.statSync(f).isDirectory() || /\.(js|ts)$/.test(f) });
  }
}
export function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isDirectory()) listFiles(full, out);
    else if (name.endsWith('.js') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}
export interface Target {
  readonly file: string;
  readonly line: number;
}
/** Lines worth re-typing: code (not comments), 16–90 characters of content. */
export function pickTargets(files: readonly string[], n: number, random: () => number): Target[] {
  const candidates: Target[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    if (lines.length < 20) continue;
    lines.forEach((line, i) => {
      const content = line.trim();
      if (i < 5 || content.length < 16 || content.length > 90) return;
      if (/^(\/\/|\/\*|\*)/.test(content) || /^["']use strict/.test(content)) return;
      candidates.push({ file, line: i });
    });
  }
  const out: Target[] = [];
  const seen = new Set<string>();
  while (out.length < n && seen.size < candidates.length) {
    const c = candidates[Math.floor(random() * candidates.length)];
    const key = `${c.file}:${c.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(c);
  }
  return out;
}

