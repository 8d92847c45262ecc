/**
 * bench:index's default corpus — real third-party code already installed: a fixed list of this
 * project's dependencies in node_modules, indexed as-is (their dist/ folders are the code, nested
 * node_modules left out) — and the files a cold build of it reads. Shared with bench:wasm-extract.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeIndexOptions } from '../src/core/index/codeIndex';
import { IgnoreRules, scanWorkspace } from '../src/core/index/scan/workspaceScanner';

export const NODE_MODULES = path.resolve(__dirname, '..', 'node_modules');
/** Deterministic for a given package-lock: these packages' installed files. */
export const DEFAULT_PACKAGES = ['openai', 'zod', '@modelcontextprotocol/sdk', 'jsdom', 'cheerio', 'highlight.js', 'lodash', 'azure-devops-node-api', 'typescript/lib'];
export const THIRD_PARTY: Partial<CodeIndexOptions> = { noDefaultExcludes: true, exclude: ['**/node_modules/**', '**/*.map'] };

export function defaultCorpusRoots(): string[] {
  return DEFAULT_PACKAGES.map((p) => path.join(NODE_MODULES, p)).filter((p) => existsSync(p));
}

/** The files a cold build with these roots and options reads: the same scan, the same rules and size limit. */
export async function corpusFiles(roots: string[], options: Partial<CodeIndexOptions>): Promise<string[]> {
  const rules = new IgnoreRules({ globs: options.exclude ?? [], editorExcludes: [], useGitignore: true, noDefaults: options.noDefaultExcludes ?? false });
  const scan = await scanWorkspace(roots, { rules, maxFileBytes: options.maxFileBytes ?? 1024 * 1024, maxFiles: 50_000 });
  return scan.files.map((f) => f.path);
}
