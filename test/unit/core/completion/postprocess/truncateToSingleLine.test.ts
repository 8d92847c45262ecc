import { truncateToSingleLine } from '@src/core/completion/postprocess/truncateToSingleLine';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('truncateToSingleLine', truncateToSingleLine);
