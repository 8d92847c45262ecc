/**
 * TypeScript/JavaScript: relative specifiers (with the extension guessing Node and TypeScript do,
 * `.js` written for a `.ts` source, index files), and bare specifiers through the nearest
 * tsconfig/jsconfig `paths` and `baseUrl`. Packages from node_modules stay unresolved (external).
 */
import * as path from 'node:path';
import type { ImportInfo } from '../model';
import { findUp, type ResolveContext } from './resolveContext';

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

export function resolveTsImport(file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  const spec = imp.source;
  if (spec.startsWith('.') || spec.startsWith('/')) return firstCandidate(ctx, path.resolve(path.dirname(file), spec));
  const config = tsConfigFor(file, ctx);
  if (!config) return [];
  for (const [pattern, targets] of config.paths) {
    const star = pattern.indexOf('*');
    let rest: string | undefined;
    if (star < 0) rest = pattern === spec ? '' : undefined;
    else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) && spec.length >= pattern.length - 1) {
      rest = spec.slice(star, spec.length - (pattern.length - star - 1));
    }
    if (rest === undefined) continue;
    for (const target of targets) {
      const found = firstCandidate(ctx, path.resolve(config.base, target.replace('*', rest)));
      if (found.length) return found;
    }
  }
  return config.baseUrl ? firstCandidate(ctx, path.resolve(config.baseUrl, spec)) : [];
}

/**
 * The first of the files a specifier may name that exists: `base` itself, a `.js` written for a `.ts`
 * source, `base` with each extension, then `base/index` with each. Checked one by one, the paths built
 * only until one exists (a workspace's imports are resolved file by file when the graph is cold).
 */
function firstCandidate(ctx: ResolveContext, base: string): string[] {
  if (ctx.hasFile(base)) return [base];
  const ext = path.extname(base);
  for (const ts of JS_TO_TS[ext] ?? []) if (ctx.hasFile(base.slice(0, -ext.length) + ts)) return [base.slice(0, -ext.length) + ts];
  for (const e of EXTENSIONS) if (ctx.hasFile(base + e)) return [base + e];
  // `base` is resolved (normalized, no trailing separator but at the root): path.join's result without its cost.
  const index = base.endsWith(path.sep) ? `${base}index` : `${base}${path.sep}index`;
  for (const e of EXTENSIONS) if (ctx.hasFile(index + e)) return [index + e];
  return [];
}

interface TsConfig {
  readonly base: string; // folder `paths` are relative to
  readonly baseUrl?: string;
  readonly paths: [string, string[]][];
}

/** The config of each folder, per context (a new context comes with any change to the files or configs). */
const configByDir = new WeakMap<ResolveContext, Map<string, TsConfig | undefined>>();

function tsConfigFor(file: string, ctx: ResolveContext): TsConfig | undefined {
  const dir = path.dirname(file);
  let byDir = configByDir.get(ctx);
  if (!byDir) configByDir.set(ctx, (byDir = new Map()));
  if (!byDir.has(dir)) byDir.set(dir, nearestTsConfig(dir, ctx));
  return byDir.get(dir);
}

/** Each config file's parsed form, per context: the folders under one tsconfig share it (parsed once, not once per folder). */
const configByFile = new WeakMap<ResolveContext, Map<string, TsConfig | undefined>>();

function nearestTsConfig(from: string, ctx: ResolveContext): TsConfig | undefined {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const dir = findUp(ctx, from, name);
    if (!dir) continue;
    const file = path.join(dir, name);
    let byFile = configByFile.get(ctx);
    if (!byFile) configByFile.set(ctx, (byFile = new Map()));
    if (!byFile.has(file)) byFile.set(file, readTsConfig(file, ctx, 0));
    return byFile.get(file);
  }
  return undefined;
}

function readTsConfig(file: string, ctx: ResolveContext, depth: number): TsConfig | undefined {
  const text = ctx.readConfig(file);
  if (text === undefined) return undefined;
  let json: { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  try {
    json = JSON.parse(stripJsonComments(text)) as typeof json;
  } catch {
    return undefined;
  }
  const dir = path.dirname(file);
  let inherited: TsConfig | undefined;
  if (typeof json.extends === 'string' && json.extends.startsWith('.') && depth < 4) {
    const target = path.resolve(dir, json.extends);
    inherited = readTsConfig(target.endsWith('.json') ? target : `${target}.json`, ctx, depth + 1);
  }
  const opts = json.compilerOptions ?? {};
  const baseUrl = typeof opts.baseUrl === 'string' ? path.resolve(dir, opts.baseUrl) : inherited?.baseUrl;
  const rawPaths = opts.paths && typeof opts.paths === 'object' ? Object.entries(opts.paths as Record<string, unknown>) : undefined;
  const paths = rawPaths
    ? rawPaths.map(([k, v]): [string, string[]] => [k, Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []])
    : inherited?.paths ?? [];
  return { base: rawPaths ? baseUrl ?? dir : inherited?.base ?? baseUrl ?? dir, ...(baseUrl ? { baseUrl } : {}), paths };
}

/** tsconfig allows comments and trailing commas. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else out += ch;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
