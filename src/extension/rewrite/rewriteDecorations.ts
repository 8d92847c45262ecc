import * as vscode from 'vscode';
import type { ReviewHunk } from '../../core/rewrite/reviewHunks';
import type { PendingRewrite } from './pendingRewrite';

/** Longest proposed text shown after one line; the rest is in the hover and "Show diff". */
const MAX_AFTER_CHARS = 160;

/**
 * The inline diff: original lines that go are struck through on a red background; the proposed lines
 * are shown after them as injected text (green), one proposed line beside each removed one and any
 * extra lines joined after the last, with the whole new code in the hover. The document itself is
 * never touched: VS Code cannot insert virtual lines, so this plus "Show diff" is the preview.
 */
export class RewriteDecorations implements vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    textDecoration: 'line-through',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly accepted = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    textDecoration: 'line-through',
    opacity: '0.6',
  });
  private readonly proposed = vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor('editorGutter.addedBackground'),
      backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
      margin: '0 0 0 2em',
    },
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly streaming = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
  });

  render(editor: vscode.TextEditor, pending: PendingRewrite | undefined): void {
    const removed: vscode.DecorationOptions[] = [];
    const accepted: vscode.DecorationOptions[] = [];
    const proposed: vscode.DecorationOptions[] = [];
    const streaming: vscode.DecorationOptions[] = [];
    if (pending) {
      if (pending.phase === 'streaming') {
        streaming.push({ range: new vscode.Range(pending.range.start.line, 0, pending.range.end.line, 0) });
      }
      pending.hunks.forEach((hunk, i) => {
        const decision = pending.decisions[i] ?? 'pending';
        if (decision === 'rejected') return;
        const hover = hoverFor(hunk);
        for (let l = 0; l < hunk.originalLength; l++) {
          (decision === 'accepted' ? accepted : removed).push({ range: lineRange(editor.document, hunk.originalStart + l), hoverMessage: hover });
        }
        for (const [line, text] of afterTexts(hunk, editor.document.lineCount)) {
          proposed.push({ range: lineEnd(editor.document, line), hoverMessage: hover, renderOptions: { after: { contentText: text } } });
        }
      });
    }
    editor.setDecorations(this.removed, removed);
    editor.setDecorations(this.accepted, accepted);
    editor.setDecorations(this.proposed, proposed);
    editor.setDecorations(this.streaming, streaming);
  }

  dispose(): void {
    for (const d of [this.removed, this.accepted, this.proposed, this.streaming]) d.dispose();
  }
}

/** [line, text] pairs: the proposed lines placed after the original lines they replace. */
function afterTexts(hunk: ReviewHunk, lineCount: number): [number, string][] {
  const out: [number, string][] = [];
  const lines = hunk.newLines.map((l) => l.trim());
  if (hunk.originalLength === 0) {
    if (lines.length) out.push([Math.min(Math.max(0, hunk.originalStart - 1), lineCount - 1), `⏎ ${lines.join(' ⏎ ')}`]);
    return out;
  }
  const paired = Math.min(hunk.originalLength, lines.length);
  for (let i = 0; i < paired; i++) {
    const rest = i === hunk.originalLength - 1 ? lines.slice(i + 1) : [];
    out.push([hunk.originalStart + i, [`→ ${lines[i]}`, ...rest].join(' ⏎ ')]);
  }
  return out.map(([l, t]) => [l, t.length > MAX_AFTER_CHARS ? `${t.slice(0, MAX_AFTER_CHARS - 1)}…` : t]);
}

function hoverFor(hunk: ReviewHunk): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(hunk.newLines.length ? '**Banyan proposes:**\n' : '**Banyan proposes to delete these lines.**');
  if (hunk.newLines.length) md.appendCodeblock(hunk.newLines.join('\n'));
  return md;
}

function lineRange(document: vscode.TextDocument, line: number): vscode.Range {
  const l = Math.min(line, document.lineCount - 1);
  return new vscode.Range(l, 0, l, document.lineAt(l).text.length);
}

function lineEnd(document: vscode.TextDocument, line: number): vscode.Range {
  const l = Math.min(line, document.lineCount - 1);
  const end = document.lineAt(l).text.length;
  return new vscode.Range(l, end, l, end);
}
