import { trimTrailingWhitespace } from '@src/core/completion/postprocess/trimTrailingWhitespace';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('trimTrailingWhitespace', trimTrailingWhitespace);
