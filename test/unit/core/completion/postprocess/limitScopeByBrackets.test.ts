import { limitScopeByBrackets } from '@src/core/completion/postprocess/limitScopeByBrackets';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('limitScopeByBrackets', limitScopeByBrackets);
