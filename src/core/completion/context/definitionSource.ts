/**
 * Context source 1: definitions the code at the cursor is likely to need, resolved through the index
 * and the import graph. The name about to be typed is usually one the file has not used yet, so the
 * signals are, strongest first: names that start with what is typed; the members of the receiver's
 * type (`userService.`); names imported but not used yet; names used after the cursor but not before
 * it; the symbols of imported modules and of the same folder; symbols anywhere whose name shares rare
 * words with the code around the cursor; and the definitions of names used just before the cursor.
 */
import * as path from 'node:path';
import type { CodeIndex, SymbolHit } from '../../index/codeIndex';
import type { SymbolInfo } from '../../index/model';
import { type CursorContext, nameWords } from './cursorContext';
import { type ImportBinding, languageFamily, sameFamilyTwin, twinKey } from './importBindings';
import { FileScopedMemo } from './fileScopedMemo';
import { memberAssignmentCandidates } from './memberAssignments';
import { similarUses } from './similarUses';
import { baseNames, containersNamed, resolveReceiver } from './receiverTypes';
import { goEmbeddedTypes, goImplementations, resolveGoReceiver } from './goReceiver';
import { goPackageFiles, isGoFile, javaPackageFiles } from './packageScope';
import { typeMembers } from './typeMembers';
import { commonJsMembers } from './commonJsReceiver';
import { expectsType } from './typePosition';
import { isContainer, renderDefinition, type RenderedRange, renderHead } from './renderDefinition';
import { type NamedSymbol, symbolNames, type SymbolNames } from './symbolNames';
import type { ContextCandidate, ContextSource } from './types';

/** Scores by signal (the ranking between sources); a symbol's best signal counts, others add a little. */
export const DEFINITION_WEIGHTS = {
  partial: 100,
  receiver: 80,
  receiverModule: 60,
  importedUnused: 55,
  usedAfter: 45,
  usedNear: 22,
  /** Plus 8 per extra matched token before the cursor, minus 1.5 per similar-snippet rank. */
  similarUse: 48,
  moduleUnused: 18,
  sameFolder: 12,
  wordMatch: 8,
  /** A member of a module near this one (imports), when nothing types the receiver (JavaScript). */
  nearbyMember: 36,
  /** Added to types where the code names a type (typePosition.ts); other kinds weigh 0.6 there. */
  typePosition: 12,
} as const;
const TYPE_KINDS = new Set<string>(['class', 'interface', 'struct', 'type', 'enum', 'trait']);
/** A definition defined in more files than this is too ambiguous to show by name alone. */
const MAX_DEFINING_FILES = 3;
/** Candidates rendered from the file's lines (the rest from the index's one-line signatures). */
const RENDER_FROM_LINES = 12;
const MAX_CANDIDATES = 160;
/** What a name not among the known receiver's members weighs (times its score). */
const NOT_A_MEMBER = 0.7;
/** An imported name not used yet is shown up to this size (a class as the outline of its first members). */
const IMPORTED_OUTLINE_CHARS = 480;
/** A receiver's type is shown whole (as an outline) up to this size, else member by member. */
const RECEIVER_OUTLINE_CHARS = 1200;

interface Scored {
  readonly file: string;
  readonly sym: SymbolInfo;
  score: number;
  source: ContextSource;
  /** Outline budget in characters for containers. */
  outlineChars: number;
  /** Only the declaration head (members of a large receiver type, and its own head). */
  headOnly: boolean;
  /** Proposed as a member of the receiver's known type or module. */
  member: boolean;
}

export interface DefinitionSourceInput {
  readonly index: CodeIndex;
  readonly file: string;
  readonly cursor: CursorContext;
  readonly bindings: ReadonlyMap<string, ImportBinding>;
  /** Texts of the similar snippets, most similar first (what code like this writes next); asked for late. */
  readonly similarTexts?: () => readonly string[];
  /**
   * Asked between the signals after the strongest two (the typed name, the receiver's members): once
   * true, the candidates found so far are ranked and returned (a closing time box gets those, not nothing).
   */
  readonly stop?: () => boolean;
}

export function definitionCandidates(input: DefinitionSourceInput): ContextCandidate[] {
  const { index, file, cursor, bindings } = input;
  const names = symbolNames(index);
  const scored = new Map<string, Scored>();
  const termScore = (n: NamedSymbol) => wordScore(n.words, cursor.terms, names);
  const typeWanted = expectsType(file, cursor.linePrefix, cursor.partial);
  /** Set while the receiver's members are proposed. */
  let memberPhase = false;
  const add = (f: string, sym: SymbolInfo, score: number, source: ContextSource = 'definition', outlineChars = 600, headOnly = false) => {
    if (f === file) return;
    if (typeWanted) score = TYPE_KINDS.has(sym.kind) ? score + DEFINITION_WEIGHTS.typePosition : score * 0.6;
    const key = `${f}\0${sym.startLine}\0${sym.name}`;
    const prev = scored.get(key);
    if (!prev) scored.set(key, { file: f, sym, score, source, outlineChars, headOnly, member: memberPhase });
    else {
      prev.member ||= memberPhase;
      prev.score = Math.max(prev.score, score) + Math.min(prev.score, score) * 0.05;
      prev.outlineChars = Math.max(prev.outlineChars, outlineChars);
      prev.headOnly &&= headOnly;
      if (score >= prev.score) prev.source = source;
    }
  };
  const unusedFactor = (name: string) => (cursor.usedBefore.has(name) ? 0.35 : 1);
  const family = languageFamily(file);
  // Go: an unqualified name is the package's own (any of its files, no import needed); an imported
  // package's names are reached only as `pkg.Name`, through the receiver.
  const go = isGoFile(file);
  const goPackage = go ? new Set(goPackageFiles(index, names, file)) : undefined;
  // Java: the package's classes need no import either, and rank like imported ones.
  const javaPackage = file.endsWith('.java') ? new Set(javaPackageFiles(index, names, file)) : undefined;
  const imported = go ? new Set<string>() : new Set(index.importsOf(file).map((f) => sameFamilyTwin(index, f, family)));
  const dir = path.dirname(file);
  const proximity = (f: string) => (imported.has(f) ? 3 : path.dirname(f) === dir ? 2 : sharedPrefix(f, file) / 100);
  /** Where `name` is defined, the same language first, nearest first; nothing when too many files define it. */
  const memo = definitionMemo.for(index, file, [...imported].join('\0'));
  const definitions = (name: string): readonly SymbolHit[] => {
    const known = memo.get(name);
    if (known) return known;
    const found = definitionsOf(name);
    memo.set(name, found);
    return found;
  };
  function definitionsOf(name: string): SymbolHit[] {
    const own = goPackage ? index.symbols(name, { limit: 60, where: (p) => p !== file && goPackage.has(p) }) : [];
    if (own.length) return own;
    let hits = index.symbols(name, { limit: 60, where: (p) => p !== file });
    const same = hits.filter((h) => languageFamily(h.path) === family);
    if (same.length) hits = same;
    const files = [...new Set(hits.map((h) => h.path))];
    if (files.length > MAX_DEFINING_FILES * 3) return [];
    const twins = new Set<string>();
    const distinct = files.sort((a, b) => proximity(b) - proximity(a)).filter((f) => !twins.has(twinKey(f)) && twins.add(twinKey(f)));
    const keep = new Set(distinct.slice(0, MAX_DEFINING_FILES));
    return hits.filter((h) => keep.has(h.path));
  }

  const stopped = () => input.stop?.() ?? false;
  /** JavaScript: members assigned to the receiver's object (`res.send = function…`), found in step 2. */
  let assigned: ContextCandidate[] = [];
  // 1. The name being typed.
  if (cursor.partial) {
    for (const n of names.withPrefix(cursor.partial)) {
      if (n.file !== file && n.sym.name !== cursor.partial && languageFamily(n.file) === family) add(n.file, n.sym, DEFINITION_WEIGHTS.partial + termScore(n));
    }
  }
  // 2. The receiver's members.
  const receiver = go ? resolveGoReceiver(index, names, file, cursor, bindings) : resolveReceiver(index, file, cursor, bindings);
  const ownNames = new Set(index.symbolsInFile(file).map((x) => x.name));
  memberPhase = true;
  for (const c of receiver?.containers ?? []) addReceiverType(c, DEFINITION_WEIGHTS.receiver);
  // One level of base classes (Go: embedded types): inherited members (`self.` in a subclass reaches them too).
  for (const c of receiver?.containers ?? []) {
    const bases = go ? goEmbeddedTypes(index, names, c) : baseNames(c.signature).flatMap((base) => containersNamed(index, base, file));
    for (const b of bases) addReceiverType(b, DEFINITION_WEIGHTS.receiver - 4);
    // A Go interface: the methods of the types implementing it are what a call reaches.
    if (go && c.kind === 'interface') for (const impl of goImplementations(index, names, c, file)) addReceiverType(impl, DEFINITION_WEIGHTS.receiver - 12);
  }
  /**
   * A receiver's type: its outline when all of it fits in one range; otherwise its head plus each member
   * on its own, ranked (members the file already uses, or overrides, are less likely to be typed next).
   */
  function addReceiverType(c: SymbolHit, score: number): void {
    const { members, inside } = typeMembers(index, names, c);
    const outlineSize = members.reduce((n, m) => n + m.sym.signature.length + 3, c.signature.length);
    if (inside && outlineSize <= RECEIVER_OUTLINE_CHARS) {
      add(c.path, c, score, 'definition', RECEIVER_OUTLINE_CHARS);
      return;
    }
    add(c.path, c, score + 7, 'definition', 0, true);
    for (const m of members) {
      const penalty = (cursor.usedBefore.has(m.sym.name) ? 6 : 0) + (ownNames.has(m.sym.name) ? 8 : 0) + (m.sym.name.startsWith('_') ? 2 : 0);
      add(m.file, m.sym, score - 1 - penalty + Math.min(6, termScore(m)) + afterBonus(cursor, m.sym.name) * 0.3, 'definition', 0, true);
    }
  }
  for (const m of receiver?.modules ?? []) {
    for (const n of names.byFile.get(m) ?? []) if (moduleLevel(n.sym)) add(m, n.sym, DEFINITION_WEIGHTS.receiverModule + termScore(n) + afterBonus(cursor, n.sym.name));
  }
  assigned = cursor.receiver && !['this', 'self'].includes(cursor.receiver[0]!) && family === 'js'
    ? memberAssignmentCandidates(index, file, cursor.receiver, [
        ...(receiver?.modules ?? []),
        ...(bindings.get(cursor.receiver[0]!)?.files ?? []),
        ...definitions(cursor.receiver[0]!).map((h) => h.path),
        // Members assigned far from the object's definition (`webidl.converters.X = …` in many files).
        ...(cursor.receiver.length > 1 ? index.search(cursor.receiver.join(' '), { limit: 12, withText: false }).map((h) => h.path) : []),
      ], DEFINITION_WEIGHTS.receiver - 2, (name) => Math.min(6, wordScore(nameWords(name), cursor.terms, names)) - (cursor.usedBefore.has(name) ? 6 : 0))
    : [];
  // JavaScript objects: what a require, an instance of one, a mixin or a name like the receiver's says.
  if (family === 'js') {
    for (const m of commonJsMembers(index, names, file, cursor, bindings)) {
      const fit = Math.min(6, wordScore(nameWords(m.sym.name), cursor.terms, names)) + afterBonus(cursor, m.sym.name) * 0.3 - (cursor.usedBefore.has(m.sym.name) ? 6 : 0);
      const base = m.certainty === 0 ? DEFINITION_WEIGHTS.receiver - 1 : m.certainty === 1 ? DEFINITION_WEIGHTS.receiver - 8 - 2 * m.distance : DEFINITION_WEIGHTS.nearbyMember - 3 * m.distance;
      memberPhase = m.certainty === 0; // a guess at an untyped receiver's object is no known member
      add(m.file, m.sym, base + fit, 'definition', 0, true);
    }
  }
  memberPhase = false;
  if (stopped()) return finish();
  // 3. Imported names, not used yet (Go imports packages: their names come with the receiver).
  for (const b of go ? [] : bindings.values()) {
    if (b.namespace) {
      for (const f of b.files) for (const n of names.byFile.get(f) ?? []) {
        if (moduleLevel(n.sym)) add(f, n.sym, (DEFINITION_WEIGHTS.moduleUnused + termScore(n)) * unusedFactor(n.sym.name), 'import');
      }
      continue;
    }
    const named = b.files.flatMap((f) => (names.byFile.get(f) ?? []).filter((n) => n.sym.name === b.name));
    // A class, not its constructor.
    const inFiles = named.some((n) => !n.sym.container) ? named.filter((n) => !n.sym.container) : named;
    const targets = inFiles.length ? inFiles.map((n) => ({ path: n.file, sym: n.sym })) : definitions(b.name).map((h) => ({ path: h.path, sym: h as SymbolInfo }));
    for (const t of targets) add(t.path, t.sym, (DEFINITION_WEIGHTS.importedUnused + afterBonus(cursor, b.name)) * unusedFactor(b.name), 'import', IMPORTED_OUTLINE_CHARS);
  }
  if (stopped()) return finish();
  // 4. Names used after the cursor, not before it.
  for (const [name, distance] of cursor.onlyAfter) {
    if (name.length < 3 || bindings.get(name)?.namespace) continue;
    for (const h of definitions(name)) add(h.path, h, DEFINITION_WEIGHTS.usedAfter * (0.6 + 0.4 / (1 + distance / 8)));
  }
  if (stopped()) return finish();
  // 5. Names used just before the cursor (what the code calls: their signatures help write the call).
  for (const [name, weight] of cursor.nearNames) {
    if (name.length < 3 || weight < 0.3) continue;
    for (const h of definitions(name)) if (!h.container || !isMemberOfKnown(h, receiver)) add(h.path, h, DEFINITION_WEIGHTS.usedNear * weight);
  }
  if (stopped()) return finish();
  // 6. What similar code writes after the same tokens.
  for (const u of similarUses(cursor.linePrefix, cursor.partial, input.similarTexts?.() ?? [])) {
    if (cursor.usedBefore.has(u.name) || u.name.length < 3) continue;
    const score = DEFINITION_WEIGHTS.similarUse + 8 * (u.matched - 1) - 1.5 * u.rank;
    const inModules = receiver?.modules.length ? receiver.modules.flatMap((m) => (names.byFile.get(m) ?? []).filter((n) => n.sym.name === u.name)) : [];
    if (inModules.length) for (const n of inModules) add(n.file, n.sym, score + 10);
    // Go, unqualified: only the package's own names can follow.
    else for (const h of definitions(u.name)) if (!goPackage || cursor.receiver || goPackage.has(h.path)) add(h.path, h, score);
  }
  if (stopped()) return finish();
  // 7. Symbols of imported files and of the same folder (Go: the package, like imported names), and
  // anywhere by shared words (Go: in the package or the receiver's package).
  const goScope = goPackage && new Set([...goPackage, ...(receiver?.modules ?? [])]);
  const sameFamily = (f: string) => f !== file && (goScope ? goScope.has(f) : family === 'other' || languageFamily(f) === family);
  for (const f of goPackage ?? new Set([...imported, ...(names.byDir.get(dir) ?? [])])) {
    if (!sameFamily(f)) continue;
    const near = imported.has(f) || goPackage || javaPackage?.has(f) ? DEFINITION_WEIGHTS.moduleUnused : DEFINITION_WEIGHTS.sameFolder;
    for (const n of names.byFile.get(f) ?? []) if (moduleLevel(n.sym)) add(f, n.sym, (near + termScore(n)) * unusedFactor(n.sym.name), 'import');
  }
  if (stopped()) return finish();
  // Word matching visits only the symbols sharing a word with the code around the cursor.
  const visited = new Set<NamedSymbol>();
  const familyOk = new Map<string, boolean>();
  for (const w of cursor.terms.keys()) {
    for (const n of names.byWord.get(w) ?? []) {
      if (visited.has(n)) continue;
      visited.add(n);
      let ok = familyOk.get(n.file);
      if (ok === undefined) familyOk.set(n.file, (ok = sameFamily(n.file)));
      if (!ok) continue;
      const t = termScore(n);
      if (t >= 1.5) add(n.file, n.sym, (DEFINITION_WEIGHTS.wordMatch + t) * unusedFactor(n.sym.name));
    }
  }
  return finish();

  /** The candidates found so far, ranked and rendered. */
  function finish(): ContextCandidate[] {
    // After `x.` with x's type or module known, what comes next is one of its members: the rest recedes.
    if ([...scored.values()].some((c) => c.member)) for (const c of scored.values()) if (!c.member) c.score *= NOT_A_MEMBER;
    // The same declaration in twin files (x.ts / x.d.ts / x.js) is shown once, from the best-scored one.
    const seen = new Set<string>();
    // Ties broken by place, so the order does not depend on the order the index learned its files in.
    const unique = [...scored.values()].sort((a, b) => b.score - a.score || compare(a.file, b.file) || a.sym.startLine - b.sym.startLine).filter((c) => {
      const key = `${twinKey(c.file)}\0${c.sym.container ?? ''}\0${c.sym.name}`;
      return !seen.has(key) && !!seen.add(key);
    });
    const ranked = render(index, unique.slice(0, MAX_CANDIDATES), names);
    return assigned.length ? [...assigned, ...ranked].sort((a, b) => b.score - a.score) : ranked;
  }
}

/** A module's own top-level names, and the members of its exported object literal (`module.exports = {…}`). */
const moduleLevel = (s: SymbolInfo): boolean => !s.container || s.container === 'module.exports' || s.container === 'exports';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Where each name is defined, as seen from one file (nearest first): asked keystroke after keystroke. */
const definitionMemo = new FileScopedMemo<readonly SymbolHit[]>();

const sharedPrefix = (a: string, b: string): number => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i).split('/').length;
};

const afterBonus = (cursor: CursorContext, name: string): number => {
  const d = cursor.onlyAfter.get(name);
  return d === undefined ? 0 : 10 / (1 + d / 8);
};

const isMemberOfKnown = (h: SymbolInfo, receiver: ReturnType<typeof resolveReceiver>): boolean =>
  !!receiver?.containers.some((c) => c.name === h.container);

/** Σ weight × idf over the name's words found near the cursor, normalised by the name's length. */
export function wordScore(words: readonly string[], terms: ReadonlyMap<string, number>, names: SymbolNames): number {
  if (!words.length) return 0;
  let s = 0;
  for (const w of words) {
    const t = terms.get(w);
    if (t) s += t * names.idf(w);
  }
  return s / Math.sqrt(words.length);
}

function render(index: CodeIndex, list: readonly Scored[], names: SymbolNames): ContextCandidate[] {
  const lines = new Map<string, readonly string[] | undefined>();
  const linesOf = (f: string) => {
    if (!lines.has(f)) lines.set(f, index.linesOf(f));
    return lines.get(f);
  };
  // A file's symbols grouped by container once, not filtered per candidate (a .d.ts may hold thousands).
  const byContainer = new Map<string, Map<string, SymbolInfo[]>>();
  const membersOf = (file: string, c: SymbolInfo): SymbolInfo[] => {
    let groups = byContainer.get(file);
    if (!groups) {
      byContainer.set(file, (groups = new Map()));
      for (const n of names.byFile.get(file) ?? []) {
        if (n.sym.container === undefined) continue;
        let g = groups.get(n.sym.container);
        if (!g) groups.set(n.sym.container, (g = []));
        g.push(n.sym);
      }
    }
    return (groups.get(c.name) ?? []).filter((s) => s.startLine >= c.startLine && s.endLine <= c.endLine);
  };
  return list.map((c, i) => {
    const members = isContainer(c.sym) ? membersOf(c.file, c.sym) : [];
    const fileLines = i < RENDER_FROM_LINES ? linesOf(c.file) : undefined;
    const { main, fallback } = c.headOnly
      ? headOnly(c.sym, fileLines)
      : fileLines ? renderDefinition(c.sym, members, fileLines, c.outlineChars) : fromSignatures(c.sym, members, c.outlineChars);
    const symbol = c.sym.container ? `${c.sym.container}.${c.sym.name}` : c.sym.name;
    return { file: c.file, ...main, source: c.source, score: c.score, symbol, ...(sameRange(main, fallback) ? {} : { fallback }) };
  });
}

const sameRange = (a: RenderedRange, b: RenderedRange) => a.startLine === b.startLine && a.endLine === b.endLine && a.text === b.text;

function headOnly(sym: SymbolInfo, lines: readonly string[] | undefined): { main: RenderedRange; fallback: RenderedRange } {
  const first = { startLine: sym.nameLine, endLine: sym.nameLine, text: sym.signature };
  return { main: lines ? renderHead(sym, lines) : first, fallback: first };
}

/** Rendering without reading the file: the index's one-line signatures. */
function fromSignatures(sym: SymbolInfo, members: readonly SymbolInfo[], maxChars: number): { main: RenderedRange; fallback: RenderedRange } {
  const first = { startLine: sym.nameLine, endLine: sym.nameLine, text: sym.signature };
  if (!members.length) return { main: first, fallback: first };
  const parts = [sym.signature];
  let size = sym.signature.length;
  let end = sym.nameLine;
  for (const m of [...members].sort((a, b) => a.startLine - b.startLine)) {
    if (m.startLine <= end) continue;
    if (size + m.signature.length + 3 > maxChars) break;
    parts.push(`  ${m.signature}`);
    size += m.signature.length + 3;
    end = m.endLine;
  }
  return { main: { startLine: sym.nameLine, endLine: end, text: parts.join('\n') }, fallback: first };
}
