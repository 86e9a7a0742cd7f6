import { relative } from 'node:path';

/** Paths in messages are shown relative to the working directory, as the user typed them. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
