import { normalizeLineEndings } from '@src/core/completion/postprocess/normalizeLineEndings';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('normalizeLineEndings', normalizeLineEndings);
