/**
 * `npm run test:e2e`: runs test/e2e/main.ts through tsx (the harness and specs are TypeScript).
 * Arguments pass through, e.g. `npm run test:e2e -- --only chatView`. SIGINT/SIGTERM are passed on
 * so the harness can stop code-server (its own process group) before exiting.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const main = path.join(path.dirname(new URL(import.meta.url).pathname), 'main.ts');
const child = spawn(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
