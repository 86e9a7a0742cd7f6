import { jsonReporter } from './json.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

/** Reporters by --format name. */
export const REPORTERS = {
  text: textReporter,
  json: jsonReporter,
} satisfies Record<string, Reporter>;

export type ReportFormat = keyof typeof REPORTERS;
