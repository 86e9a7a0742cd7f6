/**
 * Everything shown in a report comes from user files (unit names, file names, owners): it goes into
 * the page only through these, so a name like `<script>` or `</style>` stays text.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML or SVG content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => HTML[c]!);
}

/**
 * A CSS string literal (inside `"…"`), for the printed page header: quotes, backslashes and line
 * breaks escaped, and `<` too, so the text can never close the `<style>` element it sits in.
 */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase()} `)}"`;
}

/** At most `n` characters, with an ellipsis: for chart labels (the full text is in the table). */
export function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : `${chars.slice(0, n - 1).join('').trimEnd()}…`;
}
