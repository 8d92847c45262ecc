import { postprocess } from '@src/core/completion/postprocess/pipeline';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('pipeline', (item, context) => postprocess(item, context));
