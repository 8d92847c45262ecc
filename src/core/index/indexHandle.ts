/**
 * Where consumers (completion, chat, the CLI's context command) get the workspace's code index. The
 * index feature owns the CodeIndex and publishes it here; readers take `current()` (undefined while
 * indexing is disabled or starting) or await `ready()`.
 */
import type { CodeIndex } from './codeIndex';

export class IndexHandle {
  private index: CodeIndex | undefined;
  private waiters: ((index: CodeIndex) => void)[] = [];
  private readonly listeners = new Set<(index: CodeIndex | undefined) => void>();

  current(): CodeIndex | undefined {
    return this.index;
  }

  /** Resolves with the index once one is published (it may still be building: see CodeIndex.whenIdle). */
  ready(): Promise<CodeIndex> {
    if (this.index) return Promise.resolve(this.index);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  publish(index: CodeIndex | undefined): void {
    this.index = index;
    if (index) for (const w of this.waiters.splice(0)) w(index);
    for (const l of this.listeners) l(index);
  }

  /** Called with every index published from now on (a rebuild publishes a new one). */
  onPublish(listener: (index: CodeIndex | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
