/**
 * The import graph: each file's imports resolved to workspace files (per-language resolvers), and the
 * reverse edges. Resolved lazily and cached; a change to the set of files invalidates everything (a
 * new file can satisfy old imports), a change to one file's imports only that file.
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
  private forward = new Map<string, string[]>();
  private reverse: Map<string, string[]> | undefined;
  private byDir: Map<string, string[]> | undefined;
  private javaClasses: Map<string, string> | undefined;
  private javaPackages: Map<string, string[]> | undefined;
  private readonly configs = new Map<string, string | undefined>();

  constructor(
    private readonly files: () => Iterable<GraphFile>,
    private readonly lookup: (abs: string) => GraphFile | undefined,
    private readonly roots: () => readonly string[],
    private readonly includeDirs: () => readonly string[],
  ) {}

  /** The set of files changed (added/removed): everything is resolved again on next use. */
  invalidateAll(): void {
    this.forward.clear();
    this.reverse = undefined;
    this.byDir = undefined;
    this.javaClasses = undefined;
    this.javaPackages = undefined;
    this.configs.clear();
  }

  /** One file's imports (or content) changed. */
  invalidateFile(file: string): void {
    this.forward.delete(file);
    this.reverse = undefined;
    this.javaClasses = undefined;
    this.javaPackages = undefined;
    const base = path.basename(file);
    if (base === 'tsconfig.json' || base === 'jsconfig.json' || base === 'go.mod' || base === 'Cargo.toml') this.invalidateAll();
  }

  /** Workspace files that `file` imports. */
  importsOf(file: string): readonly string[] {
    let out = this.forward.get(file);
    if (!out) {
      const f = this.lookup(file);
      out = f ? this.resolveFile(f) : [];
      this.forward.set(file, out);
    }
    return out;
  }

  /** Resolution of each import of `file`, in order (for consumers that need to know which name came from where). */
  resolvedImports(file: string): { readonly import: ImportInfo; readonly files: readonly string[] }[] {
    const f = this.lookup(file);
    const resolver = f?.language ? RESOLVERS[f.language] : undefined;
    if (!f || !resolver) return [];
    const ctx = this.context();
    return f.imports.map((imp) => ({ import: imp, files: safeResolve(resolver, f.path, imp, ctx) }));
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

  private resolveFile(f: GraphFile): string[] {
    const resolver = f.language ? RESOLVERS[f.language] : undefined;
    if (!resolver || f.imports.length === 0) return [];
    const ctx = this.context();
    const out = new Set<string>();
    for (const imp of f.imports) for (const target of safeResolve(resolver, f.path, imp, ctx)) if (target !== f.path) out.add(target);
    return [...out];
  }

  private context(): ResolveContext {
    return {
      roots: this.roots(),
      includeDirs: this.includeDirs(),
      hasFile: (abs) => this.lookup(abs) !== undefined,
      filesInDir: (dir) => this.dirIndex().get(dir) ?? [],
      readConfig: (abs) => {
        if (!this.configs.has(abs)) this.configs.set(abs, readTextOrUndefined(abs));
        return this.configs.get(abs);
      },
      javaClass: (fqcn) => this.javaIndex().classes.get(fqcn),
      javaPackage: (pkg) => this.javaIndex().packages.get(pkg) ?? [],
    };
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
    if (!this.javaClasses || !this.javaPackages) {
      const classes = new Map<string, string>();
      const packages = new Map<string, string[]>();
      for (const f of this.files()) {
        if (f.language !== 'java') continue;
        const pkg = f.packageName ?? '';
        classes.set(pkg ? `${pkg}.${path.basename(f.path, '.java')}` : path.basename(f.path, '.java'), f.path);
        let list = packages.get(pkg);
        if (!list) packages.set(pkg, (list = []));
        list.push(f.path);
      }
      this.javaClasses = classes;
      this.javaPackages = packages;
    }
    return { classes: this.javaClasses, packages: this.javaPackages };
  }
}

/** A resolver bug must not take the index down: an import it cannot handle is simply unresolved. */
function safeResolve(resolver: ImportResolver, file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  try {
    return resolver(file, imp, ctx);
  } catch {
    return [];
  }
}
