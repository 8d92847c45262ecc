/**
 * Changes with effects beyond the conversation — files changed, permissions changed, processes
 * started and the ports they listen on, environment changes (installs, exports) — recorded as the
 * agent causes them. The ledger lives with the conversation, not with its history: it is rendered
 * into every agent request after history compaction, so the model never forgets that a server is
 * still running on :3000 or that it ran `npm install -g`.
 */
import { basename, parseCommand } from './approval/parseCommand';

export type LedgerKind = 'file' | 'permission' | 'process' | 'environment';

export interface LedgerEntry {
  readonly kind: LedgerKind;
  readonly text: string;
}

const INSTALLERS = /^(npm|pnpm|yarn|bun) (i|install|add|link)\b.*(-g|--global)\b|^(pip|pip3) install\b|^(apt|apt-get|dnf|yum|brew|pacman|apk) (install|add|-S)\b|^(cargo|go) install\b|^(gem) install\b/;
const PORT = /(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::\]|port)[:\s]+(\d{2,5})\b/gi;

/** The most entries a ledger keeps (the oldest go first). */
const MAX_ENTRIES = 200;

export class SideEffectLedger {
  private readonly entries: LedgerEntry[];

  /** @param onChange told after an entry is added (the ledger store writes it) */
  constructor(entries: readonly LedgerEntry[] = [], private readonly onChange: () => void = () => undefined) {
    this.entries = entries.slice(-MAX_ENTRIES);
  }

  record(kind: LedgerKind, text: string): void {
    if (this.entries.some((e) => e.kind === kind && e.text === text)) return;
    this.entries.push({ kind, text });
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    this.onChange();
  }

  list(): readonly LedgerEntry[] {
    return this.entries;
  }

  /** Reads a finished (or still running) command for the effects it is known to have. */
  recordCommand(command: string, output: string, opts: { background: boolean; pid?: number }): void {
    for (const { argv } of parseCommand(command).commands) {
      const prog = basename(argv[0] ?? '');
      const line = [prog, ...argv.slice(1)].join(' ');
      if (prog === 'chmod' || prog === 'chown' || prog === 'chgrp' || prog === 'setfacl') this.record('permission', line);
      if (prog === 'export' || prog === 'setx' || prog === 'unset' || INSTALLERS.test(line)) this.record('environment', line);
      if (prog === 'cd') this.record('environment', `${line} (only for that command; each command starts in the workspace)`);
    }
    const ports = [...new Set([...output.matchAll(PORT)].map((m) => m[1]!))];
    if (opts.background || ports.length) {
      this.record('process', `${command}${opts.pid ? ` (pid ${opts.pid})` : ''}${opts.background ? ' left running' : ''}${ports.length ? `; ports ${ports.join(', ')}` : ''}`);
    }
  }

  /** The block appended to every agent request; empty when nothing happened yet. */
  render(): string {
    if (!this.entries.length) return '';
    const groups: [LedgerKind, string][] = [['file', 'Files changed'], ['permission', 'Permissions changed'], ['process', 'Processes started'], ['environment', 'Environment changes']];
    const parts = groups.flatMap(([k, label]) => {
      const xs = this.entries.filter((e) => e.kind === k);
      return xs.length ? [`${label}:\n${xs.map((e) => `- ${e.text}`).join('\n')}`] : [];
    });
    return `Side effects of this conversation so far (kept even when older messages are shortened):\n${parts.join('\n')}`;
  }
}
