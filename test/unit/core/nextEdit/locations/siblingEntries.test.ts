/**
 * A new entry beside an existing one: the other places naming the neighbour are proposed (where the new
 * name goes next), not for a rename, not for a comment inserted above a function, not for a name the
 * file already used.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LocatorContext } from '@src/core/nextEdit/locations/locatorContext';
import { siblingEntries } from '@src/core/nextEdit/locations/siblingEntries';
import type { HistoryHunk } from '@src/core/nextEdit/types';

const file = '/ws/mod.py';

function found(lines: string[], h: HistoryHunk): number[] {
  const ctx = new LocatorContext({ file, lines, cursor: { line: h.newStart, character: 0 }, history: [h] });
  return siblingEntries(ctx).map((c) => c.line).sort((a, b) => a - b);
}

describe('siblingEntries', () => {
  const py = [
    'from ._transports.urllib3 import URLLib3ProxyTransport, URLLib3Transport', // 0
    'from ._models import Request',
    '',
    '__all__ = [',
    '    "Request",',
    '    "URLLib3Transport",', // 5
    '    "WSGITransport",',
    ']',
  ];

  it('a name added to an import list → the other list naming its neighbour', () => {
    assert.deepEqual(found(py, { file, newStart: 0, oldLines: ['from ._transports.urllib3 import URLLib3Transport'], newLines: [py[0]!], seq: 1 }), [5]);
  });

  it('an import line inserted beside another (a Go import block, Python): nothing, the neighbour is a module', () => {
    const go = [
      'import (', // 0
      '\t"sort"',
      '\t"strings"',
      ')',
      '',
      'func load(names []string) string {', // 5
      '\treturn strings.Join(names, ",")',
      '}',
    ];
    assert.deepEqual(found(go, { file, newStart: 1, oldLines: [], newLines: [go[1]!], seq: 1 }), [], 'not the uses of strings');
    const py = ['from pathlib import Path', 'from typing import Any', '', 'def f(y: Any) -> int:', '    return typing.cast(int, y)'];
    assert.deepEqual(found(py, { file, newStart: 0, oldLines: [], newLines: [py[0]!], seq: 1 }), [], 'not the uses of typing');
  });

  it('a rename on the line, or a name the file already had: nothing', () => {
    const renamed = ['return and(stream, Pair::fromNonNullValueMapEntry, mapper);', 'return of(stream, mapper);'];
    assert.deepEqual(found(renamed, { file, newStart: 0, oldLines: ['return and(stream, Pair::fromMapEntry, mapper);'], newLines: [renamed[0]!], seq: 1 }), []);
    const known = [...py, 'URLLib3ProxyTransport()'];
    assert.deepEqual(found(known, { file, newStart: 0, oldLines: ['from ._transports.urllib3 import URLLib3Transport'], newLines: [py[0]!], seq: 1 }), []);
  });

  it('inserted lines that start like the line beside them → the places reading that line\'s name; a comment above a function: nothing', () => {
    const go = [
      'func apply(app, start Config) {', // 0
      '\tenvGalleries := slices.Equal(app.Galleries, start.Galleries)',
      '\tenvAutoloadGalleries := app.AutoloadGalleries == start.AutoloadGalleries',
      '\tif settings.Galleries != nil {',
      '\t\tapp.Galleries = *settings.Galleries',
      '\t}', // 5
      '\tif settings.AutoloadGalleries != nil && !envAutoloadGalleries {',
      '\t\tapp.AutoloadGalleries = *settings.AutoloadGalleries',
      '\t}',
      '}',
    ];
    assert.deepEqual(found(go, { file, newStart: 1, oldLines: [], newLines: [go[1]!], seq: 1 }), [6], 'not line 2, the neighbour itself');
    const commented = ['// Lookup returns a value from the map source.', 'func (ms *mapSource) Lookup(name string) (any, bool) {', '\treturn ms.m[name]', '}', 'var _ = mapSource{}'];
    assert.deepEqual(found(commented, { file, newStart: 0, oldLines: [], newLines: [commented[0]!], seq: 1 }), []);
    const javadoc = ['/**', ' * @since 3.20.1 serialVersionUID changed to 2L.', ' * @since 1.0', ' */', 'class CharRange {', '  /** @since 2.0 */', '}'];
    assert.deepEqual(found(javadoc, { file, newStart: 1, oldLines: [], newLines: [javadoc[1]!], seq: 1 }), [], 'a line added to a doc comment');
  });
});
