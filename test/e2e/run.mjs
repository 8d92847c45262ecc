/**
 * `npm run test:e2e`: runs test/e2e/main.ts through tsx (the harness and specs are TypeScript).
 * Arguments pass through, e.g. `npm run test:e2e -- --only chatView`.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const main = path.join(path.dirname(new URL(import.meta.url).pathname), 'main.ts');
const result = spawnSync(process.execPath, ['--import', 'tsx', main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
