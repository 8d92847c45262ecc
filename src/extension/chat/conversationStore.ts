/**
 * Conversations of this workspace, persisted in the extension's workspace storage as one file per
 * conversation (`conversations/<id>.json`) plus `index.json` (their order, the active one, the picked
 * model, the applied code), so a save writes only what changed instead of the whole history. Files
 * are written atomically in the background (BackgroundFileWriter): coalesced while an answer
 * streams, at once when it ends, the index after the conversations it lists. Only `flush` (the
 * window closing) writes synchronously. The single `conversations.json` of earlier versions is
 * migrated on first load and removed once the new files are on disk.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BackgroundFileWriter } from '../../core/fs/backgroundFileWriter';
import { fileNameForId, readJsonFile } from '../../core/fs/jsonFiles';
import type { ChatMessage, Conversation } from '../../protocol/webview';

/** Code blocks of an answer that the user applied, and where (for history compaction). */
export interface AppliedBlock {
  readonly messageId: string;
  readonly path: string;
  readonly code: string;
}

interface StoredIndex {
  readonly version: 2;
  /** Conversation ids, most recent first. */
  readonly order: readonly string[];
  readonly activeId: string | null;
  readonly selectedModel: string | null;
  readonly applied: readonly AppliedBlock[];
}

interface State {
  conversations: Conversation[];
  activeId: string | null;
  selectedModel: string | null;
  applied: AppliedBlock[];
}

const WRITE_DELAY_MS = 500;
const MAX_CONVERSATIONS = 200;
const INDEX = 'index.json';
const LEGACY = 'conversations.json';

export class ConversationStore {
  private state: State;
  private readonly writer: BackgroundFileWriter;

  /** @param dir the chat folder in the workspace storage; undefined keeps everything in memory */
  constructor(private readonly dir: string | undefined) {
    // Storage unavailable (a read-only disk): the conversations live on in memory for this window.
    this.writer = new BackgroundFileWriter(WRITE_DELAY_MS);
    this.state = this.load();
  }

  conversations(): readonly Conversation[] {
    return this.state.conversations;
  }

  get(id: string): Conversation | undefined {
    return this.state.conversations.find((c) => c.id === id);
  }

  activeId(): string | null {
    return this.state.activeId;
  }

  setActive(id: string | null): void {
    this.state.activeId = id;
    this.saveIndex(true);
  }

  selectedModel(): string | null {
    return this.state.selectedModel;
  }

  setSelectedModel(id: string): void {
    this.state.selectedModel = id;
    this.saveIndex(true);
  }

  applied(): readonly AppliedBlock[] {
    return this.state.applied;
  }

  addApplied(block: AppliedBlock): void {
    this.state.applied = [...this.state.applied.slice(-499), block];
    this.saveIndex(true);
  }

  /** Creates or replaces a conversation (most recent first). */
  put(conversation: Conversation, immediate = true): void {
    const rest = this.state.conversations.filter((c) => c.id !== conversation.id);
    const kept = [conversation, ...rest];
    this.state.conversations = kept.slice(0, MAX_CONVERSATIONS);
    for (const dropped of kept.slice(MAX_CONVERSATIONS)) this.remove(dropped.id);
    this.saveConversation(conversation.id, immediate);
    this.saveIndex(immediate);
  }

  /** Replaces one message of a conversation in place (no reordering), e.g. while it streams. */
  updateMessage(conversationId: string, message: ChatMessage, immediate: boolean): Conversation | undefined {
    const c = this.get(conversationId);
    if (!c) return undefined;
    const next: Conversation = { ...c, messages: c.messages.map((m) => (m.id === message.id ? message : m)), updatedAt: Date.now() };
    this.state.conversations = this.state.conversations.map((x) => (x.id === c.id ? next : x));
    this.saveConversation(c.id, immediate);
    return next;
  }

  delete(id: string): void {
    this.state.conversations = this.state.conversations.filter((c) => c.id !== id);
    this.state.applied = this.state.applied.filter((a) => this.state.conversations.some((c) => c.messages.some((m) => m.id === a.messageId)));
    if (this.state.activeId === id) this.state.activeId = null;
    this.saveIndex(true);
    this.remove(id);
  }

  /** Writes what is not yet on disk, synchronously: for the window closing, when no more ticks may run. */
  flush(): void {
    this.writer.flushSync();
  }

  /** Resolves once nothing is waiting to be written (tests, and callers that must read the files back). */
  whenSaved(): Promise<void> {
    return this.writer.whenIdle();
  }

  private saveConversation(id: string, immediate: boolean): void {
    if (!this.dir) return;
    this.writer.mark(this.conversationFile(id), () => {
      const c = this.get(id);
      return c ? JSON.stringify(c) : null;
    }, immediate);
    // The index stays behind every conversation file it lists.
    if (this.writer.isMarked(path.join(this.dir, INDEX))) this.saveIndex(immediate);
    else this.keepLegacyRemovalLast(immediate);
  }

  /** Marked after the conversations: a pass writes the index last, so it never lists a file not yet written. */
  private saveIndex(immediate: boolean): void {
    if (!this.dir) return;
    this.writer.mark(path.join(this.dir, INDEX), () => {
      const index: StoredIndex = { version: 2, order: this.state.conversations.map((c) => c.id), activeId: this.state.activeId, selectedModel: this.state.selectedModel, applied: this.state.applied };
      return JSON.stringify(index);
    }, immediate);
    this.keepLegacyRemovalLast(immediate);
  }

  /** The old single file goes only after the files that replace it are written. */
  private keepLegacyRemovalLast(immediate: boolean): void {
    const legacy = path.join(this.dir!, LEGACY);
    if (this.writer.isMarked(legacy)) this.writer.mark(legacy, () => null, immediate);
  }

  private remove(id: string): void {
    if (this.dir) this.writer.mark(this.conversationFile(id), () => null, true);
  }

  /** Ids come from the webview too (fileNameForId). */
  private conversationFile(id: string): string {
    return path.join(this.dir!, 'conversations', `${fileNameForId(id)}.json`);
  }

  private load(): State {
    const empty: State = { conversations: [], activeId: null, selectedModel: null, applied: [] };
    if (!this.dir) return empty;
    const index = readJsonFile(path.join(this.dir, INDEX)) as Partial<StoredIndex> | undefined;
    if (index?.version === 2 && Array.isArray(index.order)) {
      // A file that cannot be read loses that conversation only.
      const conversations = index.order.flatMap((id) => {
        const c = readJsonFile(this.conversationFile(id)) as Conversation | undefined;
        return c && c.id === id && Array.isArray(c.messages) ? [endStreams(c)] : [];
      });
      // Left over from a migration that ended before its last step.
      if (existsSync(path.join(this.dir, LEGACY))) this.writer.mark(path.join(this.dir, LEGACY), () => null);
      return { conversations, activeId: index.activeId ?? null, selectedModel: index.selectedModel ?? null, applied: Array.isArray(index.applied) ? [...index.applied] : [] };
    }
    return this.migrate() ?? empty;
  }

  /** Earlier versions kept every conversation in one conversations.json: written out file by file, then removed. */
  private migrate(): State | undefined {
    const legacyFile = path.join(this.dir!, LEGACY);
    const raw = readJsonFile(legacyFile) as { version?: number; conversations?: Conversation[]; activeId?: string | null; selectedModel?: string | null; applied?: AppliedBlock[] } | undefined;
    if (raw?.version !== 1 || !Array.isArray(raw.conversations)) return undefined;
    const state: State = {
      conversations: raw.conversations.slice(0, MAX_CONVERSATIONS).map(endStreams),
      activeId: raw.activeId ?? null,
      selectedModel: raw.selectedModel ?? null,
      applied: Array.isArray(raw.applied) ? raw.applied : [],
    };
    this.state = state;
    for (const c of state.conversations) this.saveConversation(c.id, false);
    this.saveIndex(false);
    // Marked last and kept last: removed only in a pass where everything before it was written.
    this.writer.mark(legacyFile, () => null);
    return state;
  }
}

/** A stream cannot survive the extension host that ran it: it ended when the window went. */
function endStreams(c: Conversation): Conversation {
  return { ...c, messages: c.messages.map((m) => (m.status === 'streaming' ? { ...m, status: 'stopped' as const } : m)) };
}
