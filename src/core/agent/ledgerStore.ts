/**
 * The side-effect ledger of each agent conversation, kept per workspace (a file per conversation in
 * the server's storage), so after a window reload or a server restart the model still knows what the
 * conversation left behind (a server on :3000, a global install). Written atomically in the
 * background when an entry is added; `flush` (the server shutting down) writes synchronously.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BackgroundFileWriter } from '../fs/backgroundFileWriter';
import { type LedgerEntry, type LedgerKind, SideEffectLedger } from './sideEffectLedger';

const KINDS: readonly LedgerKind[] = ['file', 'permission', 'process', 'environment'];
const WRITE_DELAY_MS = 200;

export class LedgerStore {
  private readonly ledgers = new Map<string, SideEffectLedger>();
  private readonly writer: BackgroundFileWriter;

  constructor(
    private readonly dir: string | undefined,
    log: (message: string) => void,
  ) {
    this.writer = new BackgroundFileWriter(WRITE_DELAY_MS, (file, err) => log(`The agent's side-effect ledger could not be saved to ${file}: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** The conversation's ledger: from this session, from disk, or new. */
  get(conversationId: string): SideEffectLedger {
    let ledger = this.ledgers.get(conversationId);
    if (ledger) return ledger;
    const file = this.file(conversationId);
    const save = () => {
      if (file) this.writer.mark(file, () => JSON.stringify({ version: 1, entries: ledger!.list() }));
    };
    ledger = new SideEffectLedger(file ? readEntries(file) : [], save);
    this.ledgers.set(conversationId, ledger);
    return ledger;
  }

  flush(): void {
    this.writer.flushSync();
  }

  whenSaved(): Promise<void> {
    return this.writer.whenIdle();
  }

  private file(conversationId: string): string | undefined {
    return this.dir ? path.join(this.dir, `${createHash('sha256').update(conversationId).digest('hex').slice(0, 32)}.json`) : undefined;
  }
}

function readEntries(file: string): LedgerEntry[] {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; entries?: unknown };
    if (raw.version !== 1 || !Array.isArray(raw.entries)) return [];
    return raw.entries.filter((e): e is LedgerEntry => typeof e === 'object' && e !== null && KINDS.includes((e as LedgerEntry).kind) && typeof (e as LedgerEntry).text === 'string');
  } catch {
    return []; // none yet, or unreadable: the conversation starts a new ledger
  }
}
