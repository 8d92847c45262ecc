/**
 * Turns what the user attached (chips, `@` mentions) into prompt context: files and symbols become
 * cited snippets; diagnostics and git state become text blocks. Paths are confined to indexed files
 * of the workspace.
 */
import type { ChatAttachment } from './chatTypes';
import { findDefinitions, resolveInWorkspace, type ToolIndex } from './chatTools';
import type { ChatMention } from './mentions';
import type { Snippet } from './snippet';

const FILE_MAX_LINES = 400;

export interface ResolvedContext {
  readonly snippets: Snippet[];
  readonly blocks: string[];
  /** `@codebase`: retrieve more. */
  readonly wideRetrieval: boolean;
  readonly notes: string[];
}

export async function resolveContext(
  index: ToolIndex | undefined,
  roots: readonly string[],
  mentions: readonly ChatMention[],
  attachments: readonly ChatAttachment[],
  git: ((roots: readonly string[]) => Promise<string>) | undefined,
): Promise<ResolvedContext> {
  const out = { snippets: [] as Snippet[], blocks: [] as string[], wideRetrieval: false, notes: [] as string[] };
  const fileSnippet = (p: string, startLine?: number, endLine?: number, text?: string, source: Snippet['sources'][number] = 'mention'): Snippet | undefined => {
    const f = index ? resolveInWorkspace(index, roots, p) : undefined;
    if (!f) return undefined;
    if (text !== undefined) return { path: f.path, rel: f.rel, startLine: startLine ?? 0, endLine: endLine ?? startLine ?? 0, text, sources: [source] };
    const lines = index!.linesOf(f.path) ?? [];
    if (startLine !== undefined) {
      // A selection named by its lines (a re-asked message): read them again.
      const last = Math.min(lines.length - 1, endLine ?? startLine, startLine + FILE_MAX_LINES - 1);
      return { path: f.path, rel: f.rel, startLine, endLine: Math.max(startLine, last), text: lines.slice(startLine, last + 1).join('\n'), sources: [source] };
    }
    const end = Math.min(lines.length - 1, FILE_MAX_LINES - 1);
    return { path: f.path, rel: f.rel, startLine: 0, endLine: Math.max(0, end), text: lines.slice(0, end + 1).join('\n') + (lines.length > FILE_MAX_LINES ? '\n… (file continues; read_file shows more)' : ''), sources: [source] };
  };

  for (const a of attachments) {
    if (a.kind === 'problems' || a.kind === 'text') {
      if (a.text) out.blocks.push(a.kind === 'problems' ? `Problems (diagnostics) in the workspace:\n${a.text}` : `${a.label}:\n${a.text}`);
      continue;
    }
    if (!a.path) continue;
    const s = fileSnippet(a.path, a.startLine, a.endLine, a.text, a.kind === 'selection' ? 'selection' : 'mention');
    if (s) out.snippets.push(s);
    else if (a.text) out.blocks.push(`${a.label}:\n\`\`\`\n${a.text}\n\`\`\``); // an untitled or out-of-workspace editor
    else out.notes.push(`${a.label} is not an indexed file of the workspace`);
  }

  for (const m of mentions) {
    switch (m.kind) {
      case 'file': {
        const s = m.value ? fileSnippet(m.value) : undefined;
        if (s) out.snippets.push(s);
        else out.notes.push(`@file ${m.value ?? ''} is not an indexed file of the workspace`);
        break;
      }
      case 'symbol': {
        if (!index || !m.value) break;
        const found = findDefinitions(index, m.value.trim().split('.').pop() ?? '', 'mention');
        out.snippets.push(...found);
        if (!found.length) out.notes.push(`@symbol ${m.value} has no definition in the index`);
        break;
      }
      case 'codebase':
        out.wideRetrieval = true;
        break;
      case 'git': {
        const text = git ? await git(roots) : '';
        out.blocks.push(text || 'Git: the workspace has no git repository, or git is not available.');
        break;
      }
      case 'problems':
        // Diagnostics come from the editor as a `problems` attachment; nothing to resolve here.
        break;
    }
  }
  return out;
}
