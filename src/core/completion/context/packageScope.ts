/**
 * Package scopes. Go's: a package is the `.go` files of one folder declaring the same `package` clause (its
 * test files only to other test files), and each file's top-level names are in scope in all the others
 * without an import; an import binds one name (its alias, else the imported package's own clause) to
 * the package folder's files. Java's: a package's classes see each other without an import.
 */
import * as path from 'node:path';
import type { CodeIndex } from '../../index/codeIndex';
import type { SymbolNames } from './symbolNames';

export const isGoFile = (file: string): boolean => file.endsWith('.go');
const isGoTest = (file: string): boolean => file.endsWith('_test.go');

/** The other files of `file`'s package. */
export function goPackageFiles(index: CodeIndex, names: SymbolNames, file: string): string[] {
  const own = index.file(file)?.packageName;
  const test = isGoTest(file);
  const out: string[] = [];
  for (const f of names.byDir.get(path.dirname(file)) ?? []) {
    if (f === file || !isGoFile(f) || (!test && isGoTest(f))) continue;
    const pkg = index.file(f)?.packageName;
    // A `package x_test` file sees package x only through an import.
    if (own === undefined || pkg === undefined || pkg === own) out.push(f);
  }
  return out;
}

/** Java: the other files of `file`'s package (same folder, same package declaration), whose classes need no import. */
export function javaPackageFiles(index: CodeIndex, names: SymbolNames, file: string): string[] {
  const own = index.file(file)?.packageName;
  return (names.byDir.get(path.dirname(file)) ?? []).filter((f) => f !== file && f.endsWith('.java') && index.file(f)?.packageName === own);
}

/** The name an import spec binds: its alias, else the package clause of the files it resolves to. */
export function goImportName(specLine: string, source: string, files: readonly string[], index: CodeIndex): string | undefined {
  // `import "x/y"` on one line has no alias: the keyword itself must not be read as one.
  const alias = /^\s*(?:import\s+)?(?!import\s)([A-Za-z_]\w*|\.)\s+["`]/.exec(specLine)?.[1];
  if (alias) return alias === '_' || alias === '.' ? undefined : alias;
  for (const f of files) {
    const pkg = index.file(f)?.packageName;
    if (pkg) return pkg;
  }
  // Unresolved: the last path element, without a major version (`/v2`) or a `go-` prefix.
  const parts = source.split('/');
  const last = /^v\d+$/.test(parts[parts.length - 1] ?? '') && parts.length > 1 ? parts[parts.length - 2]! : parts[parts.length - 1]!;
  return last.replace(/^go-|-go$/g, '').replace(/\W/g, '') || undefined;
}
