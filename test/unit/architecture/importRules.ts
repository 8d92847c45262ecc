/**
 * The architecture's rules (docs/architecture.md, "Processes") as a checker over source text: which
 * area may import what, and where a custom method name may be spelled. Pure over {path, text} so the
 * test can feed it planted violations as well as the real tree.
 */
import * as path from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Repository-relative, forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly detail: string;
}

/** Where a repository path lives, as the rules see it. */
type Area = 'core' | 'protocol' | 'server' | 'extension' | 'cli' | 'webview' | 'other';

function areaOf(repoPath: string): Area {
  const m = /^(?:src\/(core|protocol|server|extension|cli)|(webview-ui))\//.exec(repoPath);
  if (!m) return 'other';
  return m[2] ? 'webview' : (m[1] as Area);
}

/** The editor API and the language-server-protocol libraries, by package name. */
const VSCODE = /^vscode$/;
const LSP_CLIENT = /^vscode-languageclient(\/|$)/;
const LSP_ANY = /^vscode-(languageclient|languageserver|languageserver-protocol|languageserver-types|languageserver-textdocument|jsonrpc)(\/|$)/;
/** A custom method name: `banyan/…`. */
const METHOD_NAME = /^banyan\//;

interface ModuleRef {
  readonly specifier: string;
  readonly line: number;
}

/** Every module a file names: imports, re-exports, import types, dynamic import() and require(). */
function moduleRefs(file: ts.SourceFile): ModuleRef[] {
  const refs: ModuleRef[] = [];
  const add = (node: ts.Node, lit: ts.Node | undefined) => {
    if (lit && ts.isStringLiteralLike(lit)) refs.push({ specifier: lit.text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isImport || isRequire) add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return refs;
}

/** Every string a file spells that looks like a custom method name. */
function methodNameStrings(file: ts.SourceFile): ModuleRef[] {
  const found: ModuleRef[] = [];
  const visit = (node: ts.Node): void => {
    const isText = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node);
    // Module specifiers are not method names (a package could be called banyan/…).
    const isSpecifier = node.parent && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || ts.isExternalModuleReference(node.parent));
    if (isText && !isSpecifier && METHOD_NAME.test((node as ts.StringLiteral | ts.TemplateHead).text)) {
      found.push({ specifier: (node as ts.StringLiteral).text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The alias tests use for the sources (tsconfig paths). */
const SRC_ALIAS = '@src/';

/** The repository path a relative (or @src/) specifier points into; undefined for packages. */
function resolveRelative(fromPath: string, specifier: string): string | undefined {
  if (specifier.startsWith(SRC_ALIAS)) return `src/${specifier.slice(SRC_ALIAS.length)}`;
  if (!specifier.startsWith('.')) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromPath), specifier));
}

/** A package (or node: built-in) rather than a path. */
function isPackage(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith(SRC_ALIAS);
}

/** A test file, not a repository the tests work on (fixtures hold projects with src folders of their own). */
const isTestCode = (repoPath: string) => repoPath.startsWith('test/') && !repoPath.startsWith('test/fixtures/');

export function checkArchitecture(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  for (const f of files) {
    const area = areaOf(f.path);
    if (area === 'other' && !isTestCode(f.path)) continue;
    const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, f.path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const report = (line: number, rule: string, detail: string) => out.push({ file: f.path, line, rule, detail });
    if (area === 'other') {
      for (const ref of moduleRefs(sf)) {
        if (ref.specifier.startsWith('.') && resolveRelative(f.path, ref.specifier)?.startsWith('src/')) {
          report(ref.line, 'tests-import-src-by-alias', `a test imports ${ref.specifier}: import the sources as @src/… (one alias instead of a chain of ../)`);
        }
      }
      continue;
    }

    for (const ref of moduleRefs(sf)) {
      const target = resolveRelative(f.path, ref.specifier);
      // The trailing slash makes a folder import (`../protocol`) count as inside the folder.
      const targetArea = target === undefined ? undefined : areaOf(`${target}/`);
      const into = (a: Area) => targetArea === a;

      if (area === 'core' && target !== undefined && !into('core')) {
        report(ref.line, 'core-imports-only-core', `src/core imports ${ref.specifier}: the engine knows no protocol, server, editor or CLI (declare shared types in the core; the protocol re-exports them)`);
      }
      if (area === 'protocol' && target !== undefined && !into('protocol') && !into('core')) {
        report(ref.line, 'protocol-imports-only-core', `src/protocol imports ${ref.specifier}: the protocol may use core types and nothing else of ours`);
      }
      if (area === 'webview' && target !== undefined && !into('webview') && !into('protocol')) {
        report(ref.line, 'webview-imports-only-protocol', `webview-ui imports ${ref.specifier}: the webview talks to the extension by messages declared in src/protocol only`);
      }
      if (!isPackage(ref.specifier)) continue;
      if (VSCODE.test(ref.specifier) && area !== 'extension') {
        report(ref.line, 'vscode-only-in-extension', `${area} imports 'vscode': only src/extension may use the editor API`);
      }
      if (LSP_CLIENT.test(ref.specifier) && area !== 'extension') {
        report(ref.line, 'lsp-client-only-in-extension', `${area} imports '${ref.specifier}': only src/extension is the LSP client`);
      }
      if (LSP_ANY.test(ref.specifier) && (area === 'core' || area === 'protocol' || area === 'webview')) {
        report(ref.line, 'no-lsp-library-here', `${area} imports '${ref.specifier}': the core, the protocol and the webview stay free of LSP libraries`);
      }
    }

    if (area !== 'protocol') {
      for (const s of methodNameStrings(sf)) {
        report(s.line, 'method-names-only-in-protocol', `'${s.specifier}' spelled outside src/protocol: use the declaration's .method`);
      }
    }
  }
  return out;
}

export function formatViolations(vs: readonly Violation[]): string {
  return vs.map((v) => `${v.file}:${v.line} [${v.rule}] ${v.detail}`).join('\n');
}
