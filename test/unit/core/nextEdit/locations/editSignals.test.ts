/** What a history hunk says: the names it removed and added come from code, not from a comment's prose. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { editSignals, withoutComments } from '@src/core/nextEdit/locations/editSignals';

const signals = (file: string, oldLines: string[], newLines: string[]) => editSignals({ file, newStart: 10, oldLines, newLines, seq: 1 }, 0);

describe('edit signals', () => {
  it('a reworded Go doc comment removes and adds no names', () => {
    const s = signals(
      '/r/echo.go',
      ['// Any registers a new route for all HTTP methods and path with matching handler', '// Note: this method only adds specific set of supported methods'],
      ['// Any registers a new route for a path with matching handler in the router', '// A method-specific route registered for the same path takes precedence'],
    );
    assert.deepEqual([s.removed, s.added], [[], []]);
  });

  it('a comment naming code keeps the name: `ConfigFileNotFoundError` replaced in a Go comment is removed', () => {
    const s = signals('/r/errors.go', ['// ConfigFileNotFoundError denotes failing to find configuration file.'], ['// ConfigFileNotFoundFromFinderError denotes failing to find a configuration file.']);
    assert.deepEqual([s.removed, s.added], [['ConfigFileNotFoundError'], ['ConfigFileNotFoundFromFinderError']]);
  });

  it('a name that moved from code into a comment is not removed (Java: `HashMap` now only in the Javadoc); a code-shaped one there is added', () => {
    const s = signals(
      '/r/EnumTypeAdapter.java',
      ['  private final Map<String, T> nameToConstant = new HashMap<>();'],
      ['  /**', '   * Taken from Java 19 method {@link HashMap.newHashMap}, using default load factor.', '   */', '  private final Map<String, T> nameToConstant;'],
    );
    assert.deepEqual([s.removed, s.added], [[], ['newHashMap']]);
  });

  it('Python: a `#` comment and a docstring add no names, the code beside them does', () => {
    const s = signals('/r/m.py', ['    return value'], ['    """Ignore the error from running', '    with older releases."""', '    return checked(value)  # type: ignore unused']);
    assert.deepEqual(s.added, ['checked']);
  });

  it('comment marks inside strings start no comment; a language the index does not parse keeps its lines', () => {
    assert.deepEqual(withoutComments(['fetch("http://host/x") // go', "s = '# not a comment'  # one"], 'typescript'), ['fetch("http://host/x") ', "s = '# not a comment'  # one"]);
    assert.deepEqual(withoutComments(["s = '# not a comment'  # one", 'a // b'], 'python'), ["s = '# not a comment'  ", 'a // b']);
    assert.deepEqual(withoutComments(['/* open', 'still inside', 'closed */ code()', ' * inner doc line'], 'java'), ['', '', ' code()', '']);
    assert.deepEqual(withoutComments(['# Title // words'], undefined), ['# Title // words']);
  });
});
