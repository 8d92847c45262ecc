/**
 * A type's members as the language defines them: declared inside it (classes, interfaces, Python,
 * TypeScript, Java), and in Go and Rust also the methods declared on it outside its body — in Go
 * anywhere in its package, in Rust in `impl` blocks of its folder.
 */
import * as path from 'node:path';
import type { CodeIndex } from '../../index/codeIndex';
import type { SymbolInfo } from '../../index/model';
import { goPackageFiles, isGoFile } from './packageScope';
import type { NamedSymbol, SymbolNames } from './symbolNames';

export interface TypeRef {
  readonly path: string;
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
}

export interface TypeMembers {
  readonly members: NamedSymbol[];
  /** Every member lies inside the type's own lines (its outline shows them all in one range). */
  readonly inside: boolean;
}

export function typeMembers(index: CodeIndex, names: SymbolNames, t: TypeRef): TypeMembers {
  const within = (s: SymbolInfo) => s.startLine >= t.startLine && s.endLine <= t.endLine;
  const members = (names.byFile.get(t.path) ?? []).filter((n) => n.sym.container === t.name && within(n.sym));
  const elsewhere: NamedSymbol[] = [];
  for (const f of outsideFiles(index, names, t.path)) {
    for (const n of names.byFile.get(f) ?? []) if (n.sym.container === t.name && (f !== t.path || !within(n.sym))) elsewhere.push(n);
  }
  return { members: [...members, ...elsewhere], inside: !elsewhere.length };
}

/** Files that may declare methods of a type outside its body. */
function outsideFiles(index: CodeIndex, names: SymbolNames, file: string): readonly string[] {
  if (isGoFile(file)) return [file, ...goPackageFiles(index, names, file)];
  if (file.endsWith('.rs')) return (names.byDir.get(path.dirname(file)) ?? []).filter((f) => f.endsWith('.rs'));
  return [];
}
