import { normalizeIndentation } from '@src/core/completion/postprocess/normalizeIndentation';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('normalizeIndentation', normalizeIndentation);
