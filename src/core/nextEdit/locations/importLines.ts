/**
 * Whether a line imports something, in the languages the engine sees: `import …`, `from x import …`,
 * `#include`, `using X;`, `use a::b`, `require(…)`, and the lines of a Go import block (`"fmt"`,
 * `name "path/to/pkg"`).
 */
import { identifiersOf } from '../identifiers';

const IMPORT = /^\s*(import\b|from\s+[\w.]+\s+import\b|#include\b|using\s+[\w.]+\s*;|use\s+[\w:]+|require\s*\(|(?:const|let|var)\s+.*=\s*require\s*\(|"[\w./-]+"\s*$|[\w.]+\s+"[\w./-]+"\s*$)/;

export const isImportLine = (line: string): boolean => IMPORT.test(line);

const QUOTED = /(["'`])([^"'`]*)\1/g;
const PY_FROM = /^\s*from\s+([\w.]+)\s+import\b/;
/** `import a.b.C;` (Java, Kotlin, Scala), `use a::b::C` (Rust): the path before the last name. */
const DOTTED = /^\s*(?:import\s+(?:static\s+)?([\w.]+)\.[\w*]+\s*;|use\s+([\w:]+)::[\w*{]+)/;
/** A Go import block's path, or a Go import with it: its last segment is the name the file uses. */
const GO_PATH = /^\s*(?:import\s+)?(?:([\w.]+)\s+)?"([\w./-]+)"\s*$/;

/**
 * Names an import line holds only in where it imports from (the module's path, `require`), not as a
 * name it brings into the file: `helpers` in `import x from './helpers/x.js'`, `packaging` in
 * `from packaging.version import Version`. Removing such a line renames nothing of those names.
 */
export function modulePathNames(line: string): string[] {
  if (!isImportLine(line)) return [];
  let path = '';
  let bound = line;
  const go = GO_PATH.exec(line);
  if (go) {
    // The package's last segment is the name its uses are written with, unless an alias is.
    const parts = go[2]!.split('/');
    bound = go[1] ?? parts.pop()!;
    path = parts.join(' ');
  } else {
    bound = line.replace(QUOTED, (_m, _q, inner: string) => ((path += ' ' + inner), ' '));
    const py = PY_FROM.exec(bound) ?? DOTTED.exec(bound);
    if (py) {
      const from = py[1] ?? py[2] ?? '';
      path += ' ' + from;
      bound = bound.replace(from, ' ');
    }
    if (/\brequire\s*\(/.test(line)) path += ' require';
  }
  const kept = new Set(identifiersOf(bound.replace(/\brequire\s*\(/g, ' (')));
  return [...new Set(identifiersOf(path))].filter((n) => !kept.has(n));
}
