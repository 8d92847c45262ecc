import { describe } from 'node:test';
import { runGoldenCases } from '../runGoldenCases';

describe('edit strategy: unified-diff (golden cases)', () => runGoldenCases('unified-diff', 10));
