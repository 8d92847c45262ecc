import { agentFeature } from './agentFeature';
import { chatFeature } from './chatFeature';
import { completionFeature } from './completionFeature';
import { evalFeature } from './evalFeature';
import { indexFeature } from './indexFeature';
import { insightsFeature } from './insightsFeature';
import { localModelsFeature } from './localModelsFeature';
import { modelsFeature } from './modelsFeature';
import { nextEditFeature } from './nextEditFeature';
import { rewriteFeature } from './rewriteFeature';
import type { ServerFeature } from './serverContext';

/**
 * The server's capabilities, in start order. Each area adds one line here and keeps its glue in
 * its own file under src/server/.
 */
export const SERVER_FEATURES: readonly ServerFeature[] = [indexFeature, modelsFeature, rewriteFeature, chatFeature, completionFeature, agentFeature, evalFeature, insightsFeature, localModelsFeature, nextEditFeature];
