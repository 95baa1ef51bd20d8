import data from './default-scoring-model.json' with { type: 'json' };
import { parseScoringModel } from './scoring-model.ts';

/** The shipped scoring model, validated once when the module loads. */
export const defaultScoringModel = parseScoringModel(data, 'scoring model (functions/scoring/default-scoring-model.json)');
