import { dropSuffixDuplicate } from '@src/core/completion/postprocess/dropSuffixDuplicate';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('dropSuffixDuplicate', dropSuffixDuplicate);
