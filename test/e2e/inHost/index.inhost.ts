/** The code index in the real VS Code: Show Index Status reports the sample workspace, and a definition is found by name. */
import * as vscode from 'vscode';
import type { BanyanContext } from '@src/extension/banyanContext';
import { COMMANDS } from '@src/extension/commandIds';
import { type IndexStats, SymbolsRequest } from '@src/protocol/lsp';
import { assert, test } from './framework';

async function extension(): Promise<vscode.Extension<BanyanContext>> {
  const ext = vscode.extensions.getExtension<BanyanContext>('banyan-dev.banyan');
  assert(ext, 'banyan-dev.banyan is not installed');
  await ext.activate();
  return ext;
}

test('Show Index Status reports the indexed sample workspace', async () => {
  await extension();
  const deadline = Date.now() + 45_000;
  let st: IndexStats | undefined;
  for (;;) {
    st = await vscode.commands.executeCommand<IndexStats>(COMMANDS.showIndexStatus.id);
    if (st && st.state === 'idle' && st.files > 0) break;
    assert(Date.now() < deadline, `index not ready: ${JSON.stringify(st)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  assert(st.enabled, 'indexing is enabled by default');
  assert((st.languages.typescript ?? 0) >= 3, `typescript files counted: ${JSON.stringify(st.languages)}`);
  assert(st.symbols > 0 && st.chunks > 0, `symbols ${st.symbols}, chunks ${st.chunks}`);
  assert(st.errors.length === 0, `index errors: ${st.errors.join('; ')}`);
}, 60_000);

test('the index finds UserService by name through the server', async () => {
  const ext = await extension();
  const client = await ext.exports.server.readyClient();
  const defs = (await client.sendRequest(SymbolsRequest.method, { name: 'UserService' })) as { rel: string; kind: string }[];
  assert(defs.some((d) => d.rel === 'src/userService.ts' && d.kind === 'class'), `definitions: ${JSON.stringify(defs)}`);
});
