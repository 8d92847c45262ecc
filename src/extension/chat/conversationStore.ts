/**
 * Conversations of this workspace, persisted as one JSON file in the extension's workspace storage
 * (written atomically: temp file + rename, so a reload or crash mid-write never loses the history).
 * Writes are coalesced while an answer streams and flushed at once when it ends. They run in the
 * background (the file grows with the history, and a disk sync can take long): one at a time, the
 * newest state written next. Only `flush` (the window closing) writes synchronously.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic, writeFileAtomicSync } from '../../core/fs/writeFileAtomic';
import type { ChatMessage, Conversation } from '../../protocol/webview';

/** Code blocks of an answer that the user applied, and where (for history compaction). */
export interface AppliedBlock {
  readonly messageId: string;
  readonly path: string;
  readonly code: string;
}

interface StoredState {
  readonly version: 1;
  conversations: Conversation[];
  activeId: string | null;
  selectedModel: string | null;
  applied: AppliedBlock[];
}

const WRITE_DELAY_MS = 500;
const MAX_CONVERSATIONS = 200;

export class ConversationStore {
  private state: StoredState;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly file: string | undefined) {
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
    this.save();
  }

  selectedModel(): string | null {
    return this.state.selectedModel;
  }

  setSelectedModel(id: string): void {
    this.state.selectedModel = id;
    this.save();
  }

  applied(): readonly AppliedBlock[] {
    return this.state.applied;
  }

  addApplied(block: AppliedBlock): void {
    this.state.applied = [...this.state.applied.slice(-499), block];
    this.save();
  }

  /** Creates or replaces a conversation (most recent first). */
  put(conversation: Conversation, immediate = true): void {
    const rest = this.state.conversations.filter((c) => c.id !== conversation.id);
    this.state.conversations = [conversation, ...rest].slice(0, MAX_CONVERSATIONS);
    immediate ? this.save() : this.saveSoon();
  }

  /** Replaces one message of a conversation in place (no reordering), e.g. while it streams. */
  updateMessage(conversationId: string, message: ChatMessage, immediate: boolean): Conversation | undefined {
    const c = this.get(conversationId);
    if (!c) return undefined;
    const next: Conversation = { ...c, messages: c.messages.map((m) => (m.id === message.id ? message : m)), updatedAt: Date.now() };
    this.state.conversations = this.state.conversations.map((x) => (x.id === c.id ? next : x));
    immediate ? this.save() : this.saveSoon();
    return next;
  }

  delete(id: string): void {
    this.state.conversations = this.state.conversations.filter((c) => c.id !== id);
    this.state.applied = this.state.applied.filter((a) => this.state.conversations.some((c) => c.messages.some((m) => m.id === a.messageId)));
    if (this.state.activeId === id) this.state.activeId = null;
    this.save();
  }

  /**
   * Writes what is not yet on disk, synchronously: for the window closing, when no more ticks may run.
   * A background write still in flight then finds a newer state on disk and drops itself.
   */
  flush(): void {
    if (!this.timer && !this.writing) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
    if (!this.file) return;
    const version = ++this.version;
    try {
      writeFileAtomicSync(this.file, JSON.stringify(this.state));
      this.onDisk = version;
    } catch {
      // Storage unavailable (read-only disk): the conversation lives on in memory for this window.
    }
  }

  /** Resolves once nothing is waiting to be written (tests, and callers that must read the file back). */
  async whenSaved(): Promise<void> {
    while (this.writing || this.timer) {
      if (this.timer) this.save();
      await this.writing;
    }
  }

  private saveSoon(): void {
    this.timer ??= setTimeout(() => this.save(), WRITE_DELAY_MS);
  }

  private save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    if (this.writing) {
      this.again = true; // written when the current write ends, with the state of then
      return;
    }
    const version = ++this.version;
    this.writing = writeFileAtomic(this.file, JSON.stringify(this.state), { commit: () => version > this.onDisk })
      .then(
        (landed) => {
          if (landed) this.onDisk = version;
        },
        () => {
          // Storage unavailable (read-only disk): the conversation lives on in memory for this window.
        },
      )
      .finally(() => {
        this.writing = undefined;
        if (this.again) {
          this.again = false;
          this.save();
        }
      });
  }
  /** Version of the state last handed to a write, and of the one on disk. */
  private version = 0;
  private onDisk = 0;
  private writing: Promise<void> | undefined;
  private again = false;

  private load(): StoredState {
    const empty: StoredState = { version: 1, conversations: [], activeId: null, selectedModel: null, applied: [] };
    if (!this.file) return empty;
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoredState>;
      if (raw.version !== 1 || !Array.isArray(raw.conversations)) return empty;
      // A stream cannot survive the extension host that ran it: it ended when the window went.
      const conversations = raw.conversations.map((c) => ({ ...c, messages: c.messages.map((m) => (m.status === 'streaming' ? { ...m, status: 'stopped' as const } : m)) }));
      return { version: 1, conversations, activeId: raw.activeId ?? null, selectedModel: raw.selectedModel ?? null, applied: Array.isArray(raw.applied) ? raw.applied : [] };
    } catch {
      return empty;
    }
  }
}
