/** A killed server process comes back by itself: the view goes starting → ready with a new PID. */
import { readFileSync } from 'node:fs';
import { isRunning } from '../../fixtures/processes';
import { assert, uiTest } from '../harness/testing';
import { chatFrame, isReady, openBanyanContainer, recordChatStates, statesSeen, waitForChat, waitForStatusBar } from '../harness/workbench';

export const tests = [
  uiTest('killing the server process (SIGKILL) leads to an automatic restart', async ({ page, screenshot, log }) => {
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    const before = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null, 'a ready server');
    const pid = before.pid!;
    // The PID the view shows must really be Banyan's server process, or this test proves nothing.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    assert(cmdline.includes('dist/server.js'), `pid ${pid} is not the Banyan server: ${cmdline}`);
    await recordChatStates(frame);
    process.kill(pid, 'SIGKILL');
    const after = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null && v.pid !== pid, 'ready with a new PID after the crash', 45_000);
    const states = await statesSeen(frame);
    log(`crash: pid ${pid} → ${after.pid}, states ${states.join(' → ')}`);
    // Killed and reaped by the extension host before it started the new one; a zombie would count as gone.
    assert(!isRunning(pid), `old server ${pid} still alive`);
    assert(states.includes('starting'), `never showed starting: ${states.join(' → ')}`);
    await waitForStatusBar(page, isReady, '$(check) Banyan after the crash');
    await screenshot('after-server-crash');
  }, 90_000),
];
