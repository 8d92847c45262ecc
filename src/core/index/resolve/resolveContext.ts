/**
 * What import resolvers may ask about the workspace: which files exist (the index's file set, so
 * resolution costs no disk access), which files sit in a folder, and small config files (tsconfig,
 * go.mod, Cargo.toml) read once and cached.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ImportInfo } from '../model';

/**
 * One context stands for one state of the workspace's files and configs (a change brings a new one), so
 * a resolver may keep what it derives from it (a parsed tsconfig) in a WeakMap keyed by the context.
 */
export interface ResolveContext {
  readonly roots: readonly string[];
  /** Absolute include folders for C/C++ (`banyan.index.includeDirs`, resolved against each root). */
  readonly includeDirs: readonly string[];
  hasFile(abs: string): boolean;
  filesInDir(absDir: string): readonly string[];
  /** A workspace file's text (config files only), cached; undefined if absent. */
  readConfig(abs: string): string | undefined;
  /** Java: fully qualified class name → file. */
  javaClass(fqcn: string): string | undefined;
  /** Java: package → its files. */
  javaPackage(pkg: string): readonly string[];
}

export type ImportResolver = (file: string, imp: ImportInfo, ctx: ResolveContext) => string[];

export function firstExisting(ctx: ResolveContext, candidates: readonly string[]): string[] {
  for (const c of candidates) if (ctx.hasFile(c)) return [c];
  return [];
}

/** The nearest folder at or above `dir` (stopping at the workspace root) that holds `name`. */
export function findUp(ctx: ResolveContext, dir: string, name: string): string | undefined {
  const root = ctx.roots.find((r) => dir === r || dir.startsWith(r + path.sep));
  for (let d = dir; ; d = path.dirname(d)) {
    if (ctx.hasFile(path.join(d, name)) || ctx.readConfig(path.join(d, name)) !== undefined) return d;
    if (!root || d === root || path.dirname(d) === d) return undefined;
  }
}

/** Reads a file from disk, for the cache behind ResolveContext.readConfig. */
export function readTextOrUndefined(abs: string): string | undefined {
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
