import { scoreJson } from '../core/json/score.js';
import type { Reporter } from './types.js';

/** `cchc score --json`: the language-free result of src/core/json/score.ts. */
export const jsonReporter: Reporter = (result, o) => `${JSON.stringify(scoreJson(result, o.flat, o.findings, o.provenance), null, 2)}\n`;
