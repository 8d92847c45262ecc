/**
 * Where consumers (completion, chat, edit, agent) get the model client. The models feature owns the
 * ModelHub and publishes it here; readers call `client()` (throws a readable error before it is
 * published) or await `ready()`. The hub itself reconfigures in place on settings/key changes, so a
 * client taken once stays valid.
 */
import { ModelError } from './errors';
import type { ModelClient } from './modelClient';

export class ModelHandle {
  private value: ModelClient | undefined;
  private waiters: ((c: ModelClient) => void)[] = [];

  client(): ModelClient {
    if (!this.value) throw new ModelError('config', 'the model layer has not started yet', { fix: 'Wait for the Banyan server to be ready' });
    return this.value;
  }

  current(): ModelClient | undefined {
    return this.value;
  }

  ready(): Promise<ModelClient> {
    if (this.value) return Promise.resolve(this.value);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  publish(client: ModelClient | undefined): void {
    this.value = client;
    if (client) for (const w of this.waiters.splice(0)) w(client);
  }
}
