import { dropEmpty } from '@src/core/completion/postprocess/dropEmpty';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('dropEmpty', dropEmpty);
