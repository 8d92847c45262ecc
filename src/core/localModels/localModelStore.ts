/**
 * The models folder (the extension's global storage, or the CLI's data folder): which catalogue
 * models are there, where a `model` setting points, and removing one. A download in progress is a
 * `.part` file next to its final name; only a verified file ever has the final name.
 */
import { existsSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelError } from '../llm/errors';
import { type CatalogueEntry, findEntry } from './catalogue';

export interface LocalModel {
  /** The catalogue id, or the file name for a .gguf that is not in the catalogue. */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly sizeBytes: number;
  readonly entry?: CatalogueEntry;
}

export interface ResolvedModel {
  readonly path: string;
  /** What messages call it: the catalogue name, or the file name. */
  readonly label: string;
  readonly entry?: CatalogueEntry;
}

export class LocalModelStore {
  constructor(readonly dir: string, private readonly catalogue: () => readonly CatalogueEntry[]) {}

  entries(): readonly CatalogueEntry[] {
    return this.catalogue();
  }

  pathOf(entry: CatalogueEntry): string {
    return path.join(this.dir, entry.file);
  }

  list(): LocalModel[] {
    if (!existsSync(this.dir)) return [];
    const byFile = new Map(this.catalogue().map((e) => [e.file, e]));
    const out: LocalModel[] = [];
    for (const name of readdirSync(this.dir).sort()) {
      if (!name.endsWith('.gguf')) continue;
      const full = path.join(this.dir, name);
      let size: number;
      try {
        const st = statSync(full);
        if (!st.isFile()) continue;
        size = st.size;
      } catch {
        continue;
      }
      const entry = byFile.get(name);
      out.push({ id: entry?.id ?? name, name: entry?.name ?? name, path: full, sizeBytes: size, ...(entry ? { entry } : {}) });
    }
    return out;
  }

  /**
   * A `model` setting → the file: a path of a .gguf (absolute, `~/…`, or relative to `baseDir`) or a
   * catalogue id (downloaded into this folder). Throws ModelError naming what is missing and the fix.
   * A file inside one of `untrusted` (the folders of an untrusted workspace) is refused: a cloned
   * repository could otherwise ship a crafted GGUF and point its own settings at it, and llama.cpp's
   * GGUF parser is native code.
   */
  resolve(model: string, role: string, baseDir?: string, untrusted: readonly string[] = []): ResolvedModel {
    const m = model.trim();
    if (/\.gguf$/i.test(m) || m.includes('/') || m.includes('\\')) {
      const expanded = m.startsWith('~') ? path.join(os.homedir(), m.slice(1)) : m;
      const full = path.isAbsolute(expanded) ? expanded : path.resolve(baseDir ?? process.cwd(), expanded);
      if (!existsSync(full)) {
        throw new ModelError('modelNotFound', `the model file ${full} does not exist`, { fix: `Set banyan.models.${role}.model to the path of a .gguf file, or to a model id from Banyan: Download Model…` });
      }
      if (untrusted.some((folder) => isInside(full, folder))) {
        throw new ModelError('config', `the model file ${full} is inside this untrusted workspace: Banyan does not run a model that a folder brings until you trust the folder`, {
          fix: 'Trust the workspace (Workspaces: Manage Workspace Trust), or use a model from Banyan: Download Model… or a .gguf outside the workspace',
        });
      }
      return { path: full, label: path.basename(full) };
    }
    const entry = findEntry(this.catalogue(), m);
    if (!entry) {
      const local = this.list().find((l) => l.id === m);
      if (local) return { path: local.path, label: local.name };
      throw new ModelError('modelNotFound', `"${m}" is neither a built-in model id nor the path of a .gguf file`, {
        fix: `Use one of ${this.catalogue().map((e) => e.id).join(', ')} (Banyan: Download Model…), or a path to a .gguf`,
      });
    }
    const file = this.pathOf(entry);
    if (!existsSync(file)) {
      throw new ModelError('modelNotFound', `the built-in model ${entry.name} is not downloaded yet`, { fix: `Run Banyan: Download Model… (or \`banyan models pull ${entry.id}\`)` });
    }
    return { path: file, label: entry.name, entry };
  }

  /** Deletes a downloaded model (and any partial download of it). Returns what was removed. */
  remove(idOrFile: string): string[] {
    const entry = findEntry(this.catalogue(), idOrFile);
    const file = entry ? entry.file : path.basename(idOrFile);
    const removed: string[] = [];
    for (const f of [path.join(this.dir, file), path.join(this.dir, `${file}.part`)]) {
      if (existsSync(f)) {
        rmSync(f, { force: true });
        removed.push(f);
      }
    }
    return removed;
  }
}

/** Whether `file` (symbolic links followed) lies in `folder`. */
function isInside(file: string, folder: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const rel = path.relative(real(folder), real(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
