import { limitScopeByIndentation } from '@src/core/completion/postprocess/limitScopeByIndentation';
import { describeGoldenCases } from './goldenCases';

describeGoldenCases('limitScopeByIndentation', limitScopeByIndentation);
