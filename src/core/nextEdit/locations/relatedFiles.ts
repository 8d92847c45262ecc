/**
 * Files that belong with a file by name: its test and the code a test covers (`foo.go` ↔ `foo_test.go`,
 * `Foo.java` ↔ `FooTest.java`, `test_foo.py`, `foo.spec.ts`, `examples/web-service/index.js` ↔
 * `test/acceptance/web-service.js`). A change to one is often followed by the matching change to the other.
 */
import * as path from 'node:path';

/** A file name's test marks (`test_`, `_test`, `.spec`, `Tests`…), at its start or end. */
export const TEST_MARKS = /^(test_|tests_)|(_test|_tests|test|tests|_spec|spec|\.test|\.spec|-test|-spec)$/i;
const GENERIC = new Set(['index', 'main', 'mod', 'init', '__init__', 'lib', 'src', 'test', 'tests', 'util', 'utils', 'types']);

/**
 * The name of a file's folder; none for a workspace root (`roots`, absolute). A root's name is what the
 * checkout was called (`gin`, `gin-fork`, a tool's `ws-gin`), not a name in the code: counted, the same
 * repository's files would relate differently depending on where it was cloned.
 */
export function folderName(file: string, roots: readonly string[]): string | undefined {
  const dir = path.dirname(file);
  return roots.includes(dir) ? undefined : path.basename(dir);
}

/** The name a file and its test share: the file name without extension and test marks, or the folder's for index files. */
export function stemOf(file: string, roots: readonly string[]): string | undefined {
  const base = path.basename(file).replace(/\.[^.]+$/, '');
  let stem = base.replace(TEST_MARKS, '');
  if (!stem || GENERIC.has(stem.toLowerCase())) stem = folderName(file, roots) ?? '';
  stem = stem.replace(TEST_MARKS, '').toLowerCase().replace(/[-_]/g, '');
  return stem.length >= 3 && !GENERIC.has(stem) ? stem : undefined;
}

/** Indexed files sharing a stem with any of `files` (those themselves excluded), at most `limit`. */
export function relatedFiles(files: readonly string[], allFiles: readonly string[], roots: readonly string[], limit = 8): string[] {
  const stems = new Set(files.map((f) => stemOf(f, roots)).filter((s): s is string => !!s));
  if (!stems.size) return [];
  const own = new Set(files);
  const ext = new Set(files.map((f) => path.extname(f)));
  const out: string[] = [];
  for (const f of allFiles) {
    if (own.has(f) || !ext.has(path.extname(f))) continue;
    const s = stemOf(f, roots);
    if (s && stems.has(s)) {
      out.push(f);
      if (out.length >= limit) break;
    }
  }
  return out;
}
