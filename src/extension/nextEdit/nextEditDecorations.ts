import * as vscode from 'vscode';
import { diffPieces, type ViewEdit } from './nextEditView';

/**
 * Draws a next-edit suggestion: the inline diff where the change is (struck-through red for what goes,
 * green text after it for what comes, the full new text in the hover) and, when it is elsewhere, the
 * jump label at the end of the cursor's line. The document is never touched until Tab accepts.
 */
export class NextEditDecorations implements vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
    textDecoration: 'line-through',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor('editorGutter.addedBackground'),
      backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
    },
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly label = vscode.window.createTextEditorDecorationType({
    after: {
      color: new vscode.ThemeColor('editorCodeLens.foreground'),
      backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
      margin: '0 0 0 2em',
    },
  });
  private drawn: vscode.TextEditor[] = [];

  /** The diff in `editor`; the label (if any) at the end of `labelEditor`'s line. */
  render(editor: vscode.TextEditor | undefined, edits: readonly ViewEdit[], label?: { editor: vscode.TextEditor; line: number; text: string }): void {
    this.clear();
    if (editor) {
      const hover = new vscode.MarkdownString();
      hover.appendMarkdown('**Next edit** — Tab accepts, Esc dismisses\n\n');
      hover.appendCodeblock(edits.map((e) => e.newText).join('\n…\n') || '(delete)', editor.document.languageId);
      const removed: vscode.DecorationOptions[] = [];
      const inserted: vscode.DecorationOptions[] = [];
      for (const p of diffPieces(edits)) {
        if (p.kind === 'removed') removed.push({ range: toRange(p.range), hoverMessage: hover });
        else inserted.push({ range: new vscode.Range(p.at.line, p.at.character, p.at.line, p.at.character), hoverMessage: hover, renderOptions: { after: { contentText: p.text } } });
      }
      editor.setDecorations(this.removed, removed);
      editor.setDecorations(this.inserted, inserted);
      this.drawn.push(editor);
    }
    if (label) {
      const end = label.editor.document.lineAt(Math.min(label.line, label.editor.document.lineCount - 1)).range.end;
      label.editor.setDecorations(this.label, [{ range: new vscode.Range(end, end), renderOptions: { after: { contentText: label.text } } }]);
      this.drawn.push(label.editor);
    }
  }

  clear(): void {
    for (const e of this.drawn) {
      e.setDecorations(this.removed, []);
      e.setDecorations(this.inserted, []);
      e.setDecorations(this.label, []);
    }
    this.drawn = [];
  }

  dispose(): void {
    this.clear();
    this.removed.dispose();
    this.inserted.dispose();
    this.label.dispose();
  }
}

function toRange(r: ViewEdit['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
