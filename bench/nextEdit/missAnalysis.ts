// Error analysis of the location engine on next-edit cases (issue 14): which targets it misses, by
// language, same-file or cross-file, how the target's file relates to the cursor's (its test, a file
// importing it, one it imports, one already edited), and what the target's old text has in common with
// the edits already made (a removed name left over, a use of the edited function, a name the edits
// added, a look-alike line, an import, a sibling member, just nearby). Run it on the dev set only.
//   npx tsx bench/nextEdit/missAnalysis.ts --cases A.jsonl … --root NAME=DIR … [--work DIR] [--limit N] [--list]
import path from 'node:path';
import type { CodeIndex } from '../../src/core/index/codeIndex';
import { meaningfulIdentifiers } from '../../src/core/nextEdit/identifiers';
import { stemOf } from '../../src/core/nextEdit/locations/relatedFiles';
import { shapeOf } from '../../src/core/nextEdit/locations/lineShape';
import { historyFromDiff } from '../../src/core/nextEdit/historyFromDiff';
import { type Case, optionsFromArgs, runInProcess } from './inProcess';

const TEST_FILE = /(^|\/)(tests?|__tests__|spec)\/|([._-](test|spec)|_test|Tests?)\.[a-z]+$|(^|\/)test_[^/]+$/i;
const IMPORT = /^\s*(import\b|from\s+\S+\s+import\b|use\s|package\s|const\s+\w+\s*=\s*require\(|var\s+\w+\s*=\s*require\(|"[\w./-]+"\s*$|[\w.]+\s+"[\w./-]+"\s*$|\)\s*$)/;

interface Row {
  readonly repo: string; readonly id: string; readonly lang: string; readonly sameFile: boolean; readonly hit5: boolean; readonly hit3: boolean; readonly inRegion: boolean;
  readonly fileRel: string; readonly textRel: string; readonly found: string; readonly detail: string;
}

function fileRelation(c: Case, index: CodeIndex, root: string, historyFiles: readonly string[]): string {
  if (c.sameFile) return 'same';
  const cur = path.join(root, c.file);
  const tgt = path.join(root, c.target.file);
  const testish = TEST_FILE.test(c.target.file) !== TEST_FILE.test(c.file);
  if (testish && stemOf(cur, [root]) && stemOf(cur, [root]) === stemOf(tgt, [root])) return 'test/subject by name';
  if (historyFiles.includes(tgt)) return 'already edited';
  if (index.importsOf(tgt).includes(cur)) return 'imports cursor file';
  if (index.importsOf(cur).includes(tgt)) return 'imported by cursor file';
  if (testish) return 'a test (other name)';
  if (path.dirname(c.file) === path.dirname(c.target.file)) return 'same folder';
  return 'other';
}

function textRelation(c: Case, index: CodeIndex, root: string, history: ReturnType<typeof historyFromDiff>): string {
  const tgt = path.join(root, c.target.file);
  const lines = index.linesOf(tgt) ?? [];
  const t = c.target;
  const span = lines.slice(Math.max(0, t.startLine - (t.insertion ? 1 : 0)), t.endLine + 1);
  const names = new Set(meaningfulIdentifiers(span));
  const removed = new Set<string>();
  const added = new Set<string>();
  const edited = new Set<string>();
  const histLines: string[] = [];
  for (const h of history) {
    const o = new Set(meaningfulIdentifiers(h.oldLines));
    const n = new Set(meaningfulIdentifiers(h.newLines));
    for (const x of o) if (!n.has(x)) removed.add(x);
    for (const x of n) if (!o.has(x)) added.add(x);
    histLines.push(...h.oldLines, ...h.newLines);
    for (const s of index.symbolsInFile(h.file)) {
      if (s.kind === 'class' || s.kind === 'interface' || s.kind === 'module') continue;
      if (s.startLine <= h.newStart + h.newLines.length && h.newStart <= s.endLine) edited.add(s.name);
    }
  }
  const has = (set: Set<string>) => [...names].some((n) => set.has(n));
  if (has(removed)) return 'removed name left over';
  if (has(edited)) return 'uses an edited symbol';
  const shapes = new Set(histLines.map((l) => l.trim() && shapeOf(l)).filter(Boolean));
  if (span.some((l) => l.trim() && (shapes.has(shapeOf(l)) || histLines.some((h) => h.trim() === l.trim())))) return 'look-alike line';
  if (has(added)) return 'name the edits added';
  if (span.length && span.every((l) => !l.trim() || IMPORT.test(l)) && t.startLine < 80) return 'import';
  if (c.sameFile) {
    const d = Math.min(Math.abs(t.startLine - c.line), Math.abs(t.endLine - c.line));
    const symAt = (line: number) => index.symbolsInFile(tgt).filter((s) => s.startLine <= line && line <= s.endLine).sort((a, b) => a.endLine - a.startLine - (b.endLine - b.startLine))[0];
    const a = symAt(c.line);
    const b = symAt(t.startLine);
    if (a && b && a !== b && a.container && a.container === b.container) return d <= 20 ? 'sibling member, near' : 'sibling member, far';
    return d <= 20 ? 'within 20 lines' : d <= 60 ? '20–60 lines' : 'farther';
  }
  return 'nothing shared';
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rows: Row[] = [];
  const result = await runInProcess({
    ...optionsFromArgs(argv),
    onCase: (c, sc, ws) => {
      const history = historyFromDiff(c.history, ws.root, { file: path.join(ws.root, c.file), position: { line: c.line, character: c.character } });
      const historyFiles = [...new Set(history.map((h) => h.file))];
      const t = c.target;
      const hitAt = ws.result.locations.findIndex((l) => l.file === t.file && (t.insertion ? l.startLine - 1 <= t.startLine && t.startLine <= l.endLine + 1 : l.startLine <= t.endLine && t.startLine <= l.endLine));
      rows.push({
        repo: c.repo, id: c.id, lang: (c as unknown as { lang: string }).lang, sameFile: c.sameFile, hit5: sc.rank > 0 && sc.rank <= 5, hit3: sc.rank > 0 && sc.rank <= 3, inRegion: sc.inRegion,
        fileRel: fileRelation(c, ws.index, ws.root, historyFiles), textRel: textRelation(c, ws.index, ws.root, history),
        found: sc.rank > 0 ? `rank ${sc.rank}` : hitAt >= 0 ? `location ${hitAt + 1} (${ws.result.locations[hitAt]!.reason})` : 'not proposed',
        detail: `${c.file}:${c.line} -> ${t.file}:${t.startLine}-${t.endLine}${t.insertion ? ' ins' : ''} top: ${ws.result.locations.slice(0, 4).map((l) => `${l.file === c.file ? '' : path.basename(l.file) + ':'}${l.startLine}/${l.reason}`).join(' ')}`,
      });
    },
  });
  const table = (key: (r: Row) => string, filter: (r: Row) => boolean = () => true) => {
    const groups = new Map<string, Row[]>();
    for (const r of rows.filter(filter)) (groups.get(key(r)) ?? groups.set(key(r), []).get(key(r))!).push(r);
    return Object.fromEntries([...groups].sort((a, b) => b[1].filter((r) => !r.hit5).length - a[1].filter((r) => !r.hit5).length).map(([k, rs]) => [k, { n: rs.length, missed5: rs.filter((r) => !r.hit5).length, missed3: rs.filter((r) => !r.hit3).length, inRegion: rs.filter((r) => r.inRegion).length }]));
  };
  const summary = {
    overall: result.overall,
    byLanguage: table((r) => r.lang),
    bySide: table((r) => (r.sameFile ? 'same-file' : 'cross-file')),
    crossFileByFileRelation: table((r) => r.fileRel, (r) => !r.sameFile),
    crossFileByText: table((r) => r.textRel, (r) => !r.sameFile),
    sameFileByText: table((r) => r.textRel, (r) => r.sameFile),
    missesAt5ByWhereFound: table((r) => r.found.replace(/^location \d+/, 'location >4').replace(/^rank \d+/, 'rank >5'), (r) => !r.hit5),
  };
  console.log(JSON.stringify(summary, null, 1));
  if (argv.includes('--list')) for (const r of rows.filter((x) => !x.hit5)) process.stderr.write(`MISS ${r.id} ${r.sameFile ? 'same' : 'cross'} [${r.fileRel} | ${r.textRel}] ${r.found} ${r.detail}\n`);
}

void main();
