import * as vscode from 'vscode';

const INDEX_KEY = 'banyan.secretIds';

/**
 * API keys in VS Code SecretStorage. SecretStorage cannot list its keys, so the ids (never the values)
 * are kept in globalState. Values go to the server over the private IPC channel only.
 */
export class SecretStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.subscription = context.secrets.onDidChange((e) => {
      if (e.key.startsWith('banyan.')) this.emitter.fire();
    });
  }

  async set(id: string, value: string): Promise<void> {
    await this.context.secrets.store(id, value);
    const ids = new Set(this.ids());
    ids.add(id);
    await this.context.globalState.update(INDEX_KEY, [...ids]);
  }

  async delete(id: string): Promise<void> {
    await this.context.secrets.delete(id);
    await this.context.globalState.update(INDEX_KEY, this.ids().filter((x) => x !== id));
  }

  async get(id: string): Promise<string | undefined> {
    return this.context.secrets.get(id);
  }

  async all(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of this.ids()) {
      const v = await this.context.secrets.get(id);
      if (v) out[id] = v;
    }
    return out;
  }

  private ids(): string[] {
    return this.context.globalState.get<string[]>(INDEX_KEY, []);
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
