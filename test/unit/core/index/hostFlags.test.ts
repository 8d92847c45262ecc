/** The index host's V8 flags: the language server is started with them, so Node must accept every one. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { applyIndexHostHeapFlags, INDEX_HOST_EXEC_ARGV } from '@src/core/index/hostFlags';

describe('index host flags', () => {
  it('start a process: Node accepts them all (a bad one would keep the server from starting)', () => {
    const r = spawnSync(process.execPath, [...INDEX_HOST_EXEC_ARGV, '-e', "process.stdout.write('started')"], { encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'started');
  });

  it('the young generation of such a process stays small', () => {
    const script = "const v8=require('v8');let k=[];for(let i=0;i<2e6;i++){k.push({i});if(k.length>5e4)k=[]}process.stdout.write(String(v8.getHeapSpaceStatistics().find(s=>s.space_name==='new_space').space_size))";
    const r = spawnSync(process.execPath, [...INDEX_HOST_EXEC_ARGV, '-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Number(r.stdout) <= 9 * 1024 * 1024, `new space ${r.stdout} bytes`);
  });

  it('the heap flags can be applied to a running process (the CLI)', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', `require(${JSON.stringify(require.resolve('@src/core/index/hostFlags'))}).applyIndexHostHeapFlags()`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotThrow(() => applyIndexHostHeapFlags());
  });
});
