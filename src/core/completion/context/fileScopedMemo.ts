/**
 * A cache of answers derived from the index as one file sees it. Completions ask the same questions
 * keystroke after keystroke, and the index changes under them mostly because the file being typed in
 * was re-indexed: answers that file's own content cannot change (where other files define a name,
 * what a module re-exports) stay valid then. Any other change starts the cache afresh.
 */
import type { CodeIndex } from '../../index/codeIndex';

const MAX_ENTRIES = 4096;

export class FileScopedMemo<V> {
  private readonly state = new WeakMap<CodeIndex, { version: number; scope: string; file: string; values: Map<string, V> }>();

  /** The cache for `file`; `scope` adds what else the answers depend on (e.g. the file's imports). */
  for(index: CodeIndex, file: string, scope = ''): Map<string, V> {
    const version = index.version();
    const s = this.state.get(index);
    if (s && s.file === file && s.scope === scope && s.values.size < MAX_ENTRIES) {
      if (s.version === version) return s.values;
      const changed = index.changedSince(s.version);
      if (changed && [...changed].every((f) => f === file)) {
        s.version = version;
        return s.values;
      }
    }
    const values = new Map<string, V>();
    this.state.set(index, { version, scope, file, values });
    return values;
  }
}
