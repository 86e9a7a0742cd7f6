import { parseDocument, LineCounter } from 'yaml';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import type { Doc } from '../core/source.js';
import { firstJsonError } from './json-syntax.js';
import { MAX_RESULT_BYTES, readText } from './text-file.js';
import { locate } from './yaml-file.js';

/**
 * A JSON file (a saved result) as the core's document. JSON.parse reads the data; a syntax error is
 * placed by json-syntax.ts, and positions of schema problems come from the yaml library (which reads
 * JSON too), only when there is a problem to place.
 */
export async function readJsonDoc(file: string): Promise<{ doc: Doc } | { findings: Finding[] }> {
  const read = await readText(file, MAX_RESULT_BYTES);
  if (read.text === undefined) return { findings: read.findings.map((f) => ({ ...f, file })) };
  const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
  const lines = new LineCounter();
  const positions = () => parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const before = text.slice(0, Math.max(0, firstJsonError(text))).split('\n');
    return { findings: [{ ...finding('file.not_json', []), file, line: before.length, column: before[before.length - 1]!.length + 1 }] };
  }
  let source: ReturnType<typeof positions> | undefined;
  return {
    doc: {
      file,
      data,
      locate: (fs) => {
        source ??= positions();
        return locate({ file, doc: source, lines }, [...fs]);
      },
    },
  };
}
