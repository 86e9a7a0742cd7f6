// The citation style is read by validation too (dates inside free-text documents): the pure code
// lives in schema/citation.ts, which io and validate may import; exports keep their old import path.
export { formatCitation, formatCitations, parseCitation, parseCitations } from '../schema/citation.js';
