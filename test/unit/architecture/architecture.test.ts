import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkArchitecture, formatViolations, type SourceFile } from './importRules';

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string, out: SourceFile[] = []): SourceFile[] {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') sources(rel, out);
    } else if (/\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push({ path: rel, text: readFileSync(path.join(ROOT, rel), 'utf8') });
    }
  }
  return out;
}

const rulesOf = (files: SourceFile[]) => checkArchitecture(files).map((v) => v.rule);

describe('architecture rules', () => {
  it('hold for the source tree (src, webview-ui)', () => {
    const files = [...sources('src'), ...sources('webview-ui')];
    // A scan that found nothing would pass vacuously.
    for (const area of ['src/core/', 'src/protocol/', 'src/server/', 'src/extension/', 'src/cli/', 'webview-ui/']) {
      assert.ok(files.some((f) => f.path.startsWith(area)), `no source files under ${area}`);
    }
    const violations = checkArchitecture(files);
    assert.equal(violations.length, 0, `architecture rules broken:\n${formatViolations(violations)}`);
  });

  it('hold for the tests: they import the sources as @src/…', () => {
    const files = sources('test');
    assert.ok(files.some((f) => f.text.includes("from '@src/")), 'no test imports @src/');
    const violations = checkArchitecture(files);
    assert.equal(violations.length, 0, `architecture rules broken:\n${formatViolations(violations)}`);
  });

  it('catches each kind of planted violation', () => {
    const planted: [SourceFile, string][] = [
      [{ path: 'src/core/llm/x.ts', text: "import type { ModelRole } from '../../protocol/lsp';" }, 'core-imports-only-core'],
      [{ path: 'src/core/x.ts', text: "export { a } from '../server/banyanServer';" }, 'core-imports-only-core'],
      [{ path: 'src/core/chat/x.ts', text: "type T = import('../../extension/main').X;" }, 'core-imports-only-core'],
      [{ path: 'src/core/x.ts', text: "const m = require('../cli/main');" }, 'core-imports-only-core'],
      [{ path: 'src/core/x.ts', text: "void import('../protocol');" }, 'core-imports-only-core'],
      [{ path: 'src/core/x.ts', text: "import { TextDocument } from 'vscode-languageserver-textdocument';" }, 'no-lsp-library-here'],
      [{ path: 'src/protocol/x.ts', text: "import { RequestType } from 'vscode-jsonrpc';" }, 'no-lsp-library-here'],
      [{ path: 'src/protocol/x.ts', text: "import type { Ctx } from '../server/serverContext';" }, 'protocol-imports-only-core'],
      [{ path: 'src/server/x.ts', text: "import * as vscode from 'vscode';" }, 'vscode-only-in-extension'],
      [{ path: 'src/cli/x.ts', text: "import type { Uri } from 'vscode';" }, 'vscode-only-in-extension'],
      [{ path: 'src/server/x.ts', text: "import { LanguageClient } from 'vscode-languageclient/node';" }, 'lsp-client-only-in-extension'],
      [{ path: 'webview-ui/chat/x.ts', text: "import { parseMentions } from '../../src/core/chat/mentions';" }, 'webview-imports-only-protocol'],
      [{ path: 'src/server/x.ts', text: "connection.onRequest('banyan/status', h);" }, 'method-names-only-in-protocol'],
      [{ path: 'src/extension/x.ts', text: 'client.sendNotification(`banyan/chat/${kind}`, p);' }, 'method-names-only-in-protocol'],
      [{ path: 'webview-ui/x.ts', text: 'const m = `banyan/chat/turn`;' }, 'method-names-only-in-protocol'],
      [{ path: 'src/core/x.ts', text: "import { start } from '@src/server/startServer';" }, 'core-imports-only-core'],
      [{ path: 'test/unit/core/x.test.ts', text: "import { a } from '../../../src/core/a';" }, 'tests-import-src-by-alias'],
    ];
    for (const [file, rule] of planted) {
      assert.deepEqual(rulesOf([file]), [rule], `${file.path}: ${file.text}`);
    }
  });

  it('lets the allowed shapes through', () => {
    const allowed: SourceFile[] = [
      { path: 'src/core/chat/x.ts', text: "import type { ModelRole } from '../llm';\nimport { readFile } from 'node:fs/promises';\nimport { marked } from 'marked';" },
      { path: 'src/protocol/x.ts', text: "import type { EditResult } from '../core/edit/types';\nimport { toServer } from './typed';\nexport const R = toServer.request<void, void>('banyan/x');" },
      { path: 'src/server/x.ts', text: "import { createConnection } from 'vscode-languageserver/node';\nimport { StatusRequest } from '../protocol/lsp';\nimport { StatusModel } from '../core/status/statusModel';" },
      { path: 'src/extension/x.ts', text: "import * as vscode from 'vscode';\nimport { LanguageClient } from 'vscode-languageclient/node';\nconst s = 'banyan.chatView';" },
      { path: 'webview-ui/chat/x.ts', text: "import type { ChatState } from '../../src/protocol/webview';\nimport { marked } from 'marked';\nimport { el } from '../dom';" },
      { path: 'src/cli/x.ts', text: "import { startServer } from '../server/startServer';\nconst path = 'banyan.json';" },
      { path: 'test/unit/x.test.ts', text: "import * as vscode from 'vscode';\nconst m = 'banyan/status';\nimport { a } from '@src/core/a';\nimport { h } from './helpers';" },
      { path: 'test/fixtures/agent/repo/test/math.test.ts', text: "import { add } from '../src/math';" },
    ];
    assert.deepEqual(checkArchitecture(allowed), []);
  });
});
