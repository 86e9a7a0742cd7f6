import { parseDocument, LineCounter } from 'yaml';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import type { Doc } from '../core/source.js';
import { readText } from './text-file.js';
import { locate } from './yaml-file.js';

/**
 * A JSON file (last year's result) as the core's document. JSON.parse reads the data; positions of
 * problems come from the yaml library, which reads JSON too, only when there is a problem to place.
 */
export async function readJsonDoc(file: string): Promise<{ doc: Doc } | { findings: Finding[] }> {
  const read = await readText(file);
  if (read.text === undefined) return { findings: read.findings.map((f) => ({ ...f, file })) };
  const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
  const lines = new LineCounter();
  const positions = () => parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Where the text stops being JSON: the yaml parser's first error, or the start when yaml reads it.
    const err = positions().errors[0];
    const pos = lines.linePos(err?.pos[0] ?? 0);
    return { findings: [{ ...finding('file.not_json', []), file, line: pos.line, column: pos.col }] };
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
