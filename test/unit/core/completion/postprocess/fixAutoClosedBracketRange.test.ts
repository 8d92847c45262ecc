import { fixAutoClosedBracketRange } from '@src/core/completion/postprocess/fixAutoClosedBracketRange';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('fixAutoClosedBracketRange', fixAutoClosedBracketRange);
