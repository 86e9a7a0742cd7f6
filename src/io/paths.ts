import { relative } from 'node:path';

// A batch shows the same few thousand paths again and again (the file, its findings, its summary).
let memoCwd = '';
const memo = new Map<string, string>();

/** Paths in messages are shown relative to the working directory, as the user typed them. */
export function displayPath(file: string): string {
  const cwd = process.cwd();
  if (cwd !== memoCwd) {
    memo.clear();
    memoCwd = cwd;
  }
  let shown = memo.get(file);
  if (shown === undefined) {
    const rel = relative(cwd, file);
    shown = rel && !rel.startsWith('..') ? rel : file;
    if (memo.size >= 4096) memo.clear();
    memo.set(file, shown);
  }
  return shown;
}
