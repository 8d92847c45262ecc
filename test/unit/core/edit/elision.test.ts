import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { findIntroducedElision, isElisionLine } from '@src/core/edit/elision';

describe('elision markers', () => {
  const elided = [
    '// ... rest of the code ...',
    '  // ...existing code...',
    '# ... existing code ...',
    '/* ... */',
    '// ...',
    '...',
    '…',
    '<!-- rest of the file unchanged -->',
    '// rest of the function',
    '# other methods unchanged',
    '// existing code',
    '-- remaining code omitted',
    '{/* ... rest of the component */}',
  ];
  const code = [
    'const args = [...rest];',
    'fn(...args);',
    '// Loading the rest of the data lazily keeps start-up fast',
    '// Existing users are migrated in migrate.ts',
    'print("...")',
    '    def read(self) -> bytes: ...',
    '// TODO: handle the remaining cases',
  ];

  for (const line of elided) it(`"${line}" stands for omitted code`, () => assert.equal(isElisionLine(line, 'typescript'), true));
  for (const line of code) it(`"${line}" is code`, () => assert.equal(isElisionLine(line, 'typescript'), false));

  it('a bare ... is Python code', () => {
    assert.equal(isElisionLine('        ...', 'python'), false);
    assert.equal(isElisionLine('        # ...', 'python'), true);
  });

  it('a marker the file already has is not introduced by the answer', () => {
    assert.equal(findIntroducedElision(['a', '// ...'], ['x', '// ...']), undefined);
    assert.equal(findIntroducedElision(['a', '// ...'], ['x']), '// ...');
  });
});
