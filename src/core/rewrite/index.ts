/**
 * # Rewrite (select-and-rewrite, generate at the cursor)
 *
 *     gatherRewriteContext(input, sources) → RewriteContext    conventions, enclosing scope, used definitions
 *     buildRewritePrompt(input, context, budget) → messages     fitted to the edit role's window
 *     runRewrite(models, input, context, options) → { result: EditResult, answer, finishReason }
 *
 * An empty range generates code at the cursor. `input.feedback` (the previous answer and the user's
 * words) makes a retry continue the conversation. The edit itself always comes from the edit engine
 * (`../edit`); cancellation is the caller's AbortSignal (RewriteSessions' signals in the server).
 */
export { gatherRewriteContext, type ContextSources } from './rewriteContext';
export { buildRewritePrompt, isCursor, RewritePromptError, textOfRange, type PromptBudget, type RewriteContext, type RewriteInput, type RewritePrompt } from './rewritePrompt';
export { consumeRewriteStream, type RewriteOutcome, type RewriteStreamOptions } from './rewriteStream';
export { runRewrite, type RunRewriteOptions } from './runRewrite';
export { fileConventions, describeConventions, type FileConventions } from './conventions';
export { definitionsUsed, identifiersIn, type DefinitionSource, type UsedDefinition } from './definitionsUsed';
export { definitionsIn, innermostScope, type EnclosingScope } from './enclosingScope';
export { indentCursorInsertion } from './cursorIndent';
export { hunksOfResult, streamingHunks, type ReviewHunk } from './reviewHunks';
