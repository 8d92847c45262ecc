import { removeRepetitiveBlocks } from '@src/core/completion/postprocess/removeRepetitiveBlocks';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('removeRepetitiveBlocks', removeRepetitiveBlocks);
