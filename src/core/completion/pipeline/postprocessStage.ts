import { postprocess } from '../postprocess/pipeline';
import { type CompletionCandidate, insertion, type PostprocessContext } from '../postprocess/types';

/**
 * Stage: the model's text through the post-processing filters (`postprocess/pipeline.ts`); null when
 * nothing worth showing is left.
 */
export function postprocessStage(text: string, context: PostprocessContext): CompletionCandidate | null {
  return postprocess(insertion(text), context);
}
