/**
 * What import resolvers may ask about the workspace: which files exist (the index's file set, so
 * resolution costs no disk access), which files sit in a folder, and small config files (tsconfig,
 * go.mod, Cargo.toml) read once and cached.
 */
import { existsSync, readFileSync } from 'node:fs';
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

/** findUp's answers per context, by name and folder: the folders of a workspace share their ancestors, each looked at once. */
const foundUp = new WeakMap<ResolveContext, Map<string, string | undefined>>();

/** The nearest folder at or above `dir` (stopping at the workspace root) that holds `name`. */
export function findUp(ctx: ResolveContext, dir: string, name: string): string | undefined {
  let known = foundUp.get(ctx);
  if (!known) foundUp.set(ctx, (known = new Map()));
  const key = `${name}\0${dir}`;
  if (known.has(key)) return known.get(key);
  // A folder's ancestors up to its root lie under the same root, so each folder's answer is its own or its parent's.
  const root = ctx.roots.find((r) => dir === r || dir.startsWith(r + path.sep));
  const found =
    ctx.hasFile(path.join(dir, name)) || ctx.readConfig(path.join(dir, name)) !== undefined ? dir
    : !root || dir === root || path.dirname(dir) === dir ? undefined
    : findUp(ctx, path.dirname(dir), name);
  known.set(key, found);
  return found;
}

/** Reads a file from disk, for the cache behind ResolveContext.readConfig. */
export function readTextOrUndefined(abs: string): string | undefined {
  // Most configs looked for are absent (a tsconfig.json or go.mod per folder walked up): a failed read throws, a stat does not and costs a fifth.
  if (!existsSync(abs)) return undefined;
  try {
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
