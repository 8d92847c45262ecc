/**
 * The import graph: each file's imports resolved to workspace files (per-language resolvers), and the
 * reverse edges. Resolved lazily and cached, per file and per import statement: a resolution depends on
 * the set of files and on config files (tsconfig and what it extends, go.mod, Cargo.toml), never on the
 * importing file's text, so an edit re-resolves only imports it added or changed. A change to the set of
 * files or to a config file read by a resolution invalidates everything (a new file can satisfy old
 * imports); a Java file moved to another package drops what depended on the package table.
 */
import * as path from 'node:path';
import type { LanguageId } from '../languages';
import type { ImportInfo } from '../model';
import { resolveCInclude } from './cImports';
import { resolveGoImport } from './goImports';
import { resolveJavaImport } from './javaImports';
import { resolvePyImport } from './pyImports';
import { type ImportResolver, type ResolveContext, readTextOrUndefined } from './resolveContext';
import { resolveRustImport } from './rustImports';
import { resolveTsImport } from './tsImports';

const RESOLVERS: Partial<Record<LanguageId, ImportResolver>> = {
  typescript: resolveTsImport,
  tsx: resolveTsImport,
  javascript: resolveTsImport,
  python: resolvePyImport,
  java: resolveJavaImport,
  go: resolveGoImport,
  rust: resolveRustImport,
  c: resolveCInclude,
  cpp: resolveCInclude,
};

/** What the graph needs to know about each indexed file. */
export interface GraphFile {
  readonly path: string;
  readonly language: LanguageId | undefined;
  readonly imports: readonly ImportInfo[];
  readonly packageName?: string;
}

export class ImportGraph {
  /** Workspace files each file imports, with the imports' signature they were resolved for. */
  private forward = new Map<string, { readonly signature: string; readonly files: string[]; readonly imports: readonly ImportInfo[] }>();
  /** Each file's resolved imports (asked for by context assembly keystroke after keystroke). */
  private resolved = new Map<string, { readonly imports: readonly ImportInfo[]; readonly out: ResolvedImport[] }>();
  private reverse: Map<string, string[]> | undefined;
  private byDir: Map<string, string[]> | undefined;
  private java: { classes: Map<string, string>; packages: Map<string, string[]>; packageOf: Map<string, string> } | undefined;
  private readonly configs = new Map<string, string | undefined>();
  /** One context per state of the graph: resolvers may keep what they derive from it (parsed configs) on it. */
  private ctx: ResolveContext | undefined;

  constructor(
    private readonly files: () => Iterable<GraphFile>,
    private readonly lookup: (abs: string) => GraphFile | undefined,
    private readonly roots: () => readonly string[],
    private readonly includeDirs: () => readonly string[],
  ) {}

  /** The set of files changed (added/removed): everything is resolved again on next use. */
  invalidateAll(): void {
    this.forward.clear();
    this.resolved.clear();
    this.reverse = undefined;
    this.byDir = undefined;
    this.java = undefined;
    this.configs.clear();
    this.ctx = undefined;
  }

  /** One file's content changed (it was indexed again). */
  invalidateFile(file: string): void {
    const base = path.basename(file);
    // A config file some resolution read (tsconfig's `extends` chain included), or one that may now apply.
    if (this.configs.has(file) || base === 'tsconfig.json' || base === 'jsconfig.json' || base === 'go.mod' || base === 'Cargo.toml') {
      this.invalidateAll();
      return;
    }
    const f = this.lookup(file);
    if (this.java && file.endsWith('.java') && this.java.packageOf.get(file) !== (f?.packageName ?? '')) {
      // Java imports resolve through the package table: resolve them again.
      this.java = undefined;
      for (const table of [this.forward, this.resolved]) for (const k of [...table.keys()]) if (k.endsWith('.java')) table.delete(k);
      this.reverse = undefined;
      return;
    }
    // The reverse edges hold only while the file imports the same modules.
    const known = this.forward.get(file);
    if (!known || !f || known.signature !== importsSignature(f.imports)) this.reverse = undefined;
  }

  /** Workspace files that `file` imports. */
  importsOf(file: string): readonly string[] {
    const f = this.lookup(file);
    if (!f) return [];
    let known = this.forward.get(file);
    // The same imports array (an entry's is replaced when the file is indexed again): no signature to build.
    if (known?.imports === f.imports) return known.files;
    const signature = importsSignature(f.imports);
    if (!known || known.signature !== signature) {
      // Not kept per statement: the reverse edges ask this of every file.
      const out = new Set<string>();
      for (const r of this.resolve(f, this.resolved.get(file))) for (const target of r.files) if (target !== f.path) out.add(target);
      this.forward.set(file, (known = { signature, files: [...out], imports: f.imports }));
    } else this.forward.set(file, { ...known, imports: f.imports });
    return known.files;
  }

  /** Resolution of each import of `file`, in order (for consumers that need to know which name came from where). */
  resolvedImports(file: string): readonly ResolvedImport[] {
    const f = this.lookup(file);
    if (!f) return [];
    const cached = this.resolved.get(file);
    if (cached?.imports === f.imports) return cached.out;
    const out = this.resolve(f, cached);
    this.resolved.set(file, { imports: f.imports, out });
    return out;
  }

  /** Each import resolved; statements `before` already resolved (moved by lines typed above them) are not resolved again. */
  private resolve(f: GraphFile, before: { readonly out: readonly ResolvedImport[] } | undefined): ResolvedImport[] {
    const resolver = f.language ? RESOLVERS[f.language] : undefined;
    if (!resolver || f.imports.length === 0) return [];
    const known = new Map<string, readonly string[]>();
    for (const r of before?.out ?? []) known.set(importKey(r.import), r.files);
    const ctx = this.context();
    return f.imports.map((imp) => ({ import: imp, files: known.get(importKey(imp)) ?? safeResolve(resolver, f.path, imp, ctx) }));
  }

  /** Workspace files that import `file`. */
  importersOf(file: string): readonly string[] {
    if (!this.reverse) {
      const reverse = new Map<string, string[]>();
      for (const f of this.files()) {
        for (const target of this.importsOf(f.path)) {
          let list = reverse.get(target);
          if (!list) reverse.set(target, (list = []));
          list.push(f.path);
        }
      }
      this.reverse = reverse;
    }
    return this.reverse.get(file) ?? [];
  }

  private context(): ResolveContext {
    if (this.ctx) return this.ctx;
    const graph = this;
    this.ctx = {
      get roots() {
        return graph.roots();
      },
      get includeDirs() {
        return graph.includeDirs();
      },
      hasFile: (abs) => this.lookup(abs) !== undefined,
      filesInDir: (dir) => this.dirIndex().get(dir) ?? [],
      readConfig: (abs) => {
        if (!this.configs.has(abs)) this.configs.set(abs, readTextOrUndefined(abs));
        return this.configs.get(abs);
      },
      javaClass: (fqcn) => this.javaIndex().classes.get(fqcn),
      javaPackage: (pkg) => this.javaIndex().packages.get(pkg) ?? [],
    };
    return this.ctx;
  }

  private dirIndex(): Map<string, string[]> {
    if (!this.byDir) {
      const byDir = new Map<string, string[]>();
      for (const f of this.files()) {
        const dir = path.dirname(f.path);
        let list = byDir.get(dir);
        if (!list) byDir.set(dir, (list = []));
        list.push(f.path);
      }
      this.byDir = byDir;
    }
    return this.byDir;
  }

  private javaIndex(): { classes: Map<string, string>; packages: Map<string, string[]> } {
    if (!this.java) {
      const classes = new Map<string, string>();
      const packages = new Map<string, string[]>();
      const packageOf = new Map<string, string>();
      for (const f of this.files()) {
        if (f.language !== 'java') continue;
        const pkg = f.packageName ?? '';
        packageOf.set(f.path, pkg);
        classes.set(pkg ? `${pkg}.${path.basename(f.path, '.java')}` : path.basename(f.path, '.java'), f.path);
        let list = packages.get(pkg);
        if (!list) packages.set(pkg, (list = []));
        list.push(f.path);
      }
      this.java = { classes, packages, packageOf };
    }
    return this.java;
  }
}

export interface ResolvedImport {
  readonly import: ImportInfo;
  readonly files: readonly string[];
}

/** What a resolution depends on in an import statement (not its line). */
const importKey = (imp: ImportInfo): string => `${imp.flavor ?? ''}\0${imp.source}\0${imp.names?.join('\0') ?? ''}`;

const importsSignature = (imports: readonly ImportInfo[]): string => imports.map(importKey).join('\n');

/** A resolver bug must not take the index down: an import it cannot handle is simply unresolved. */
function safeResolve(resolver: ImportResolver, file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  try {
    return resolver(file, imp, ctx);
  } catch {
    return [];
  }
}
