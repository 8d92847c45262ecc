import { describe } from 'node:test';
import { runGoldenCases } from '../runGoldenCases';

describe('edit strategy: whole-replacement (golden cases)', () => runGoldenCases('whole-replacement', 10));
