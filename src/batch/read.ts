// Batch workers read with the synchronous twin of io/text-file.ts `readText` (same checks, same findings).
export { readTextSync } from '../io/text-file.js';
