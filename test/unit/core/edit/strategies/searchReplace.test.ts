import { describe } from 'node:test';
import { runGoldenCases } from '../runGoldenCases';

describe('edit strategy: search-replace (golden cases)', () => runGoldenCases('search-replace', 10));
