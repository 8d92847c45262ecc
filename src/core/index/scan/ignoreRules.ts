/**
 * Decides what the scanner skips, combining (in this order) the built-in defaults, VS Code's
 * `files.exclude` / `search.exclude`, the `banyan.index.exclude` globs, and every `.gitignore` /
 * `.banyanignore` on the way down (each applies to its own folder and below, as in git), plus
 * `.git/info/exclude` at a root.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDES_VERSION, EXCLUDED_DIRS, EXCLUDED_FILE_NAMES, isExcludedFileName } from './defaultExcludes';

type Ignore = ReturnType<typeof ignore>;

export const IGNORE_FILES = ['.gitignore', '.banyanignore'] as const;
/** Read at a workspace root besides its IGNORE_FILES. */
export const ROOT_EXCLUDE_FILE = path.join('.git', 'info', 'exclude');

export interface IgnoreOptions {
  /** VS Code `files.exclude` / `search.exclude` maps (only `true` entries count). */
  readonly editorExcludes?: readonly (Readonly<Record<string, boolean>> | undefined)[];
  /** Extra glob patterns (workspace-relative). */
  readonly globs?: readonly string[];
  readonly useGitignore?: boolean;
  /** Skip the built-in defaults (the bench indexes a node_modules folder on purpose). */
  readonly noDefaults?: boolean;
}

/** Ignore rules of one folder (its .gitignore/.banyanignore), scoped to that folder. */
export interface DirRules {
  readonly dir: string; // absolute
  /** `dir` with a trailing separator: the paths it scopes start with it. */
  readonly prefix: string;
  readonly rules: Ignore;
}

export class IgnoreRules {
  private readonly globMatch: (rel: string) => boolean;
  private readonly dirCache = new Map<string, DirRules | undefined>();
  /** Everything besides the ignore files' content that decides what is excluded (a saved scan is only reused under the same). */
  readonly fingerprint: string;

  constructor(private readonly options: IgnoreOptions = {}) {
    const patterns: string[] = [...(options.globs ?? [])];
    for (const map of options.editorExcludes ?? []) {
      for (const [glob, on] of Object.entries(map ?? {})) if (on === true) patterns.push(glob);
    }
    const matchers = patterns.map((p) => picomatch(p, { dot: true }));
    this.globMatch = matchers.length ? (rel) => matchers.some((m) => m(rel)) : () => false;
    this.fingerprint = JSON.stringify({
      patterns,
      gitignore: options.useGitignore !== false,
      defaults: options.noDefaults ? [] : [DEFAULT_EXCLUDES_VERSION, [...EXCLUDED_DIRS], [...EXCLUDED_FILE_NAMES]],
    });
  }

  /** Whether ignore files are read at all. */
  get readsIgnoreFiles(): boolean {
    return this.options.useGitignore !== false;
  }

  /**
   * Reads the ignore files of `dir` (absolute), or undefined when it has none (or gitignores are off).
   * `present`: the IGNORE_FILES names the folder is known to hold (a scan has just listed it), so absent
   * ones are not tried.
   */
  rulesFor(dir: string, isRoot: boolean, present?: readonly string[]): DirRules | undefined {
    if (this.options.useGitignore === false) return undefined;
    if (this.dirCache.has(dir)) return this.dirCache.get(dir);
    const found = this.readRules(dir, isRoot, present);
    this.dirCache.set(dir, found);
    return found;
  }

  /** An ignore file changed: read them again. */
  forgetIgnoreFiles(): void {
    this.dirCache.clear();
  }

  /**
   * The scanner's verdict for one path below `root` (used for file events, outside a walk): every folder
   * on the way down and the entry itself are checked against the rules in force there.
   */
  excludedPath(root: string, abs: string, isDir: boolean): boolean {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) return true;
    const parts = rel.split('/');
    const scopes: DirRules[] = [];
    let dir = root;
    const own = this.rulesFor(root, true);
    if (own) scopes.push(own);
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const childAbs = path.join(dir, parts[i]!);
      if (this.excluded(parts[i]!, parts.slice(0, i + 1).join('/'), childAbs, last ? isDir : true, scopes)) return true;
      if (!last) {
        dir = childAbs;
        const rules = this.rulesFor(dir, false);
        if (rules) scopes.push(rules);
      }
    }
    return false;
  }

  private readRules(dir: string, isRoot: boolean, present?: readonly string[]): DirRules | undefined {
    let rules: Ignore | undefined;
    const files: string[] = [...(present ?? IGNORE_FILES)];
    if (isRoot) files.push(ROOT_EXCLUDE_FILE);
    for (const name of files) {
      let text: string;
      try {
        text = readFileSync(path.join(dir, name), 'utf8');
      } catch {
        continue;
      }
      rules ??= ignore({ allowRelativePaths: true });
      rules.add(text);
    }
    return rules ? { dir, prefix: dir.endsWith(path.sep) ? dir : dir + path.sep, rules } : undefined;
  }

  /**
   * Is this entry excluded? `rel` is relative to the workspace root with forward slashes; `scopes` are
   * the DirRules of the folders above it, outermost first.
   */
  excluded(name: string, rel: string, abs: string, isDir: boolean, scopes: readonly DirRules[]): boolean {
    if (!this.options.noDefaults && (isDir ? EXCLUDED_DIRS.has(name) : isExcludedFileName(name))) return true;
    if (this.globMatch(rel) || (isDir && this.globMatch(`${rel}/`))) return true;
    for (const scope of scopes) {
      // Scopes are folders above `abs`: its path below them is a slice (path.relative costs more than the match).
      if (abs.length <= scope.prefix.length || !abs.startsWith(scope.prefix)) continue;
      let local = abs.slice(scope.prefix.length);
      if (path.sep !== '/') local = local.split(path.sep).join('/');
      if (scope.rules.ignores(isDir ? `${local}/` : local)) return true;
    }
    return false;
  }
}
