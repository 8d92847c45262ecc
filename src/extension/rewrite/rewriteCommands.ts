import type { BanyanContext } from '../banyanContext';
import { RewriteController } from './rewriteController';

const controllers = new WeakMap<BanyanContext, RewriteController>();

/**
 * The rewrite controller of this activation, created on the first rewrite command (nothing of the
 * rewrite UI costs activation time) and disposed with the extension.
 */
export function rewriteCommands(ctx: BanyanContext): RewriteController {
  let c = controllers.get(ctx);
  if (!c) {
    c = new RewriteController(ctx);
    controllers.set(ctx, c);
    ctx.extension.subscriptions.push(c);
  }
  return c;
}
