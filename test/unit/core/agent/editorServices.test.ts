/** What the agent gets from the editor: problems after its edits, and definitions/references by position. */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runAgentTurn } from '@src/core/agent/runAgentTurn';
import { findDefinitionTool } from '@src/core/agent/tools/findDefinition';
import { findReferencesTool } from '@src/core/agent/tools/findReferences';
import type { EditorServices, ToolContext } from '@src/core/agent/types';
import { call, deps, drain, scriptedModel, tempWorkspace, toolContext, toolResult } from './agentHarness';

describe('editor services in the agent', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  beforeEach(() => {
    ws = tempWorkspace();
    writeFileSync(path.join(ws.dir, 'a.ts'), 'export const n: number = 1;\nconsole.log(n);\n');
  });
  afterEach(() => ws.dispose());

  it('feeds the problems of a file back right after the agent edits it', async () => {
    const asked: (readonly string[] | undefined)[] = [];
    const editor: EditorServices = {
      diagnostics: async (files) => {
        asked.push(files);
        return [
          { path: path.join(ws.dir, 'a.ts'), line: 0, severity: 'error', message: "Type 'string' is not assignable to type 'number'.", source: 'ts' },
          { path: path.join(ws.dir, 'a.ts'), line: 1, severity: 'hint', message: 'unused' },
        ];
      },
    };
    const model = scriptedModel((_r, n) => (n === 1 ? { toolCalls: [call('e', 'edit_file', { path: 'a.ts', edits: "<<<<<<< SEARCH\nexport const n: number = 1;\n=======\nexport const n: number = 'one';\n>>>>>>> REPLACE" })] } : { text: 'ok' }));
    await drain(runAgentTurn({ turnId: 't', task: 'x', history: [] }, { ...deps(model, ws.dir, { settings: { edits: 'auto' } }), editor }, new AbortController().signal));
    assert.deepEqual(asked, [[path.join(ws.dir, 'a.ts')]]);
    const result = toolResult(model.requests[1], 'e');
    assert.match(result, /Problems now reported in the changed files:\na\.ts:1: error: Type 'string' is not assignable to type 'number'\. \(ts\)$/);
    assert.doesNotMatch(result, /unused/);
  });

  it('never writes under unsaved editor changes: the edit is refused before anyone is asked', async () => {
    const file = path.join(ws.dir, 'a.ts');
    const model = scriptedModel((_r, n) => (n === 1 ? { toolCalls: [call('e', 'edit_file', { path: 'a.ts', edits: '<<<<<<< SEARCH\nconsole.log(n);\n=======\nconsole.info(n);\n>>>>>>> REPLACE' }), call('d', 'delete_file', { path: 'a.ts' })] } : { text: 'ok' }));
    const d = { ...deps(model, ws.dir), editorText: (f: string) => (f === file ? 'export const n: number = 1;\nconsole.log(n); // typing\n' : undefined) };
    await drain(runAgentTurn({ turnId: 't', task: 'x', history: [] }, d, new AbortController().signal));
    assert.equal(d.asked.length, 0);
    assert.match(toolResult(model.requests[1], 'e'), /^a\.ts has unsaved changes in the editor, so it was not changed\./);
    assert.match(toolResult(model.requests[1], 'd'), /^a\.ts has unsaved changes in the editor/);
    assert.equal(readFileSync(file, 'utf8'), 'export const n: number = 1;\nconsole.log(n);\n');
    // The same text open in the editor (saved) is no obstacle.
    const model2 = scriptedModel((_r, n) => (n === 1 ? { toolCalls: [call('e', 'edit_file', { path: 'a.ts', edits: '<<<<<<< SEARCH\nconsole.log(n);\n=======\nconsole.info(n);\n>>>>>>> REPLACE' })] } : { text: 'ok' }));
    await drain(runAgentTurn({ turnId: 't', task: 'x', history: [] }, { ...deps(model2, ws.dir, { settings: { edits: 'auto' } }), editorText: () => readFileSync(file, 'utf8') }, new AbortController().signal));
    assert.equal(readFileSync(file, 'utf8'), 'export const n: number = 1;\nconsole.info(n);\n');
  });

  it('asks the editor for definitions and references at a position (column found from the name)', async () => {
    const seen: string[] = [];
    const editor: EditorServices = {
      definitions: async (file, line, ch) => (seen.push(`def ${path.basename(file)}:${line}:${ch}`), [{ path: path.join(ws.dir, 'lib', 'n.d.ts'), line: 4, character: 2 }]),
      references: async (file, line, ch) => (seen.push(`ref ${path.basename(file)}:${line}:${ch}`), [{ path: path.join(ws.dir, 'a.ts'), line: 1, character: 12 }]),
    };
    const ctx = toolContext(ws.dir, { editor });
    const def = await findDefinitionTool.run({ path: 'a.ts', line: 2, name: 'n' }, ctx);
    const ref = await findReferencesTool.run({ path: 'a.ts', line: 1, name: 'n' }, ctx);
    assert.deepEqual(seen, ['def a.ts:1:12', 'ref a.ts:0:13']);
    assert.equal(def.content, 'lib/n.d.ts:5:3');
    assert.equal(ref.content, 'a.ts:2:13');
  });

  it('finds definitions and uses by name through the index when no position is given', async () => {
    const files: Record<string, string[]> = {
      '/w/src/math.ts': ['export function add(a: number, b: number) {', '  return a + b;', '}'],
      '/w/src/app.ts': ['import { add } from "./math";', 'const padding = 1;', 'console.log(add(1, 2), add(3, 4));'],
    };
    const index = {
      filePaths: () => Object.keys(files),
      linesOf: (f: string) => files[f],
      file: (f: string) => ({ rel: f.replace('/w/', '') }),
      symbols: (name: string) => (name === 'add' ? [{ name: 'add', kind: 'function', path: '/w/src/math.ts', rel: 'src/math.ts', startLine: 0, endLine: 2, nameLine: 0 }] : []),
    } as unknown as NonNullable<ToolContext['index']>;
    const ctx = toolContext('/w', { index });
    const def = await findDefinitionTool.run({ name: 'math.add' }, ctx);
    assert.equal(def.content, 'src/math.ts:1 function add\nexport function add(a: number, b: number) {\n  return a + b;\n}');
    const refs = await findReferencesTool.run({ name: 'add' }, ctx);
    assert.equal(refs.content, 'src/math.ts:1: export function add(a: number, b: number) {\nsrc/app.ts:1: import { add } from "./math";\nsrc/app.ts:3: console.log(add(1, 2), add(3, 4));');
  });
});
