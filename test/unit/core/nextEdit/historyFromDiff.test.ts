import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { HistoryDiffError, historyFromDiff } from '@src/core/nextEdit/historyFromDiff';

const DIFF = `diff --git a/src/a.ts b/src/a.ts
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,6 +1,6 @@
 import x from 'x';
-const total = 1;
+const amount = 1;
 
 function f() {
-  return total;
+  return amount;
 }
diff --git a/src/b.ts b/src/b.ts
--- a/src/b.ts
+++ b/src/b.ts
@@ -10,4 +10,3 @@ class B {
   one();
-  two();
   three();
 }
`;

describe('historyFromDiff', () => {
  it('turns each run of changed lines into a hunk in current coordinates', () => {
    const h = historyFromDiff(DIFF, '/w');
    assert.deepEqual(h.map((x) => [x.file, x.newStart, x.oldLines, x.newLines, x.seq]), [
      ['/w/src/a.ts', 1, ['const total = 1;'], ['const amount = 1;'], 0],
      ['/w/src/a.ts', 4, ['  return total;'], ['  return amount;'], 1],
      ['/w/src/b.ts', 10, ['  two();'], [], 2],
    ]);
  });

  it('makes the hunk holding the cursor the most recent', () => {
    const h = historyFromDiff(DIFF, '/w', { file: '/w/src/a.ts', position: { line: 1, character: 17 } });
    assert.deepEqual(h.map((x) => [x.newStart, x.seq]), [[4, 0], [10, 1], [1, 2]]);
  });

  it('reads an empty history and refuses garbage', () => {
    assert.deepEqual(historyFromDiff('', '/w'), []);
    assert.throws(() => historyFromDiff('@@ -1,2 +1,2 @@\n-a\n+b\n+c\n', '/w'), HistoryDiffError);
  });
});
