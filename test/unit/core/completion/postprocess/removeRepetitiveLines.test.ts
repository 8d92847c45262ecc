import { removeRepetitiveLines } from '@src/core/completion/postprocess/removeRepetitiveLines';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('removeRepetitiveLines', removeRepetitiveLines);
