/** The chat view renders in its webview under a strict CSP and its round trip to the server works. */
import { VERSION } from '../harness/paths';
import { assert, uiTest } from '../harness/testing';
import { chatButton, chatFrame, isReady, openBanyanContainer, recordChatStates, statesSeen, waitForChat, waitForStatusBar } from '../harness/workbench';

export const tests = [
  uiTest("the chat view shows the server's version, state and PID", async ({ page, screenshot }) => {
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    const view = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null, 'a ready server');
    assert(view.version === `v${VERSION}`, `chat view shows server ${view.version}, expected v${VERSION}`);
    const csp = await frame.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content') ?? '');
    assert(csp.includes("default-src 'none'") && /script-src 'nonce-[^']+'/.test(csp), `weak CSP: ${csp}`);
    await screenshot('chat-view-ready');
  }),

  uiTest("the chat view's Restart Server goes starting → ready with a new PID", async ({ page, screenshot, log }) => {
    await openBanyanContainer(page);
    const frame = await chatFrame(page);
    const before = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null, 'a ready server');
    await recordChatStates(frame);
    await chatButton(frame, 'Restart Server').click();
    const after = await waitForChat(frame, (v) => v.state === 'ready' && v.pid !== null && v.pid !== before.pid, 'ready with a new PID');
    const states = await statesSeen(frame);
    log(`restart: pid ${before.pid} → ${after.pid}, states ${states.join(' → ')}`);
    assert(states.includes('starting'), `never showed starting: ${states.join(' → ')}`);
    await waitForStatusBar(page, isReady, '$(check) Banyan after the restart');
    await screenshot('chat-view-after-restart');
  }),
];
