/**
 * Java: `import a.b.C` → the file declaring class C in package a.b (nested classes and static imports
 * fall back to their outer class), `import a.b.*` → every file of the package.
 */
import type { ImportInfo } from '../model';
import type { ResolveContext } from './resolveContext';

export function resolveJavaImport(_file: string, imp: ImportInfo, ctx: ResolveContext): string[] {
  if (imp.flavor === 'wildcard') {
    const files = ctx.javaPackage(imp.source);
    if (files.length) return [...files];
    // `import static a.b.C.*` names a class, not a package
  }
  const parts = imp.source.split('.');
  while (parts.length > 1) {
    const found = ctx.javaClass(parts.join('.'));
    if (found) return [found];
    parts.pop();
  }
  return [];
}
