/**
 * Which file is the test of which, by each language's naming conventions: `foo.test.ts` / `foo.spec.js` /
 * `test/foo.js`, `foo_test.go`, `test_foo.py` / `tests/foo_test.py`, `FooTest.java` / `FooTests.java` /
 * `FooIT.java` under `src/test`, Rust's `tests/foo.rs`, C#'s `FooTests.cs`. A change to code is often
 * followed by the matching change to its test, and a change to a test by one to the code it covers.
 */
import * as path from 'node:path';
import { folderName, stemOf } from './relatedFiles';

const TEST_DIR = /(^|\/)(tests?|__tests__|spec|specs|testing)\//i;
const TEST_NAME = /(\.(test|spec)\.[cm]?[jt]sx?$)|(_test\.(go|py|rs|rb|cc|cpp|c)$)|(^test_[^/]+\.py$)|((Tests?|IT|Spec)\.(java|kt|cs|scala|groovy)$)|(_spec\.rb$)/;

export function isTestFile(file: string): boolean {
  const p = file.split(path.sep).join('/');
  return TEST_NAME.test(path.basename(p)) || TEST_DIR.test(p);
}

/** Folders that say where a file lives, not what it is about (dropped when paths are compared). */
const LAYOUT = new Set(['src', 'main', 'test', 'tests', '__tests__', 'spec', 'specs', 'lib', 'java', 'kotlin', 'python', 'testing', 'unit', 'integration']);

function folders(file: string): string[] {
  return path.dirname(file).split(/[\\/]/).filter((s) => s && !LAYOUT.has(s.toLowerCase()));
}

/** Shared folders, from the end of both paths (`lang3/time/StopWatch.java` ↔ `test/…/lang3/time/StopWatchTest.java` share 2+). */
function sharedTail(a: string, b: string): number {
  const x = folders(a);
  const y = folders(b);
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

/**
 * Among `files`, the tests of a code file or the code files a test covers: files of the other kind
 * named after the same stem (or, for a code file, a test named after its package folder:
 * `src/requests/models.py` → `tests/test_requests.py`; for a test, code named after the test's folder:
 * `__tests__/response/back.test.js` → `lib/response.js`), nearest folders first, at most `limit`.
 * `roots`: the workspace folders (see folderName).
 */
export function counterpartFiles(file: string, files: readonly string[], roots: readonly string[], limit = 2): string[] {
  const stem = stemOf(file, roots);
  const wantTest = !isTestFile(file);
  const ext = path.extname(file);
  const folder = folderName(file, roots);
  // A test's folder names its subject only when it is not a layout folder (`tests/`, `src/test/…`).
  const pkg = folder && (wantTest || !LAYOUT.has(folder.toLowerCase())) ? folder.toLowerCase().replace(/[-_]/g, '') : undefined;
  const found: { file: string; rank: number }[] = [];
  for (const f of files) {
    if (f === file || path.extname(f) !== ext || isTestFile(f) !== wantTest) continue;
    const s = stemOf(f, roots);
    if (!s) continue;
    const byName = s === stem;
    const byPackage = !byName && pkg !== undefined && s === pkg;
    if (!byName && !byPackage) continue;
    found.push({ file: f, rank: (byName ? 100 : 0) + sharedTail(file, f) });
  }
  // For a test, the folder's namesake is its subject only where no code file carries the test's own name
  // (Go's `middleware/recover_test.go` is about `recover.go`, not the package's `middleware.go`).
  const kept = !wantTest && found.some((x) => x.rank >= 100) ? found.filter((x) => x.rank >= 100) : found;
  return kept.sort((a, b) => b.rank - a.rank || a.file.localeCompare(b.file)).slice(0, limit).map((x) => x.file);
}
