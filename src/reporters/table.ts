export type Align = 'left' | 'right' | 'center';

/** A cell's text, and optionally a style applied to each of its lines after wrapping (colours never wrap). */
export type Cell = string | { text: string; paint: (s: string) => string };

/** East Asian wide and fullwidth characters and emoji take two terminal columns. */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
/** Combining marks (variation selectors are marks too) and zero-width joiners take none. */
const ZERO = /[\p{M}\u200B-\u200F]/u;

/** Columns as wide as a terminal shows them: ANSI colours and combining marks take no room. */
export function displayWidth(s: string): number {
  // Vietnamese in NFC is all narrow, precomposed letters: most cells are as wide as they are long.
  if (!/[\u0300-\u036F\u001b\u1100-\u115F\u200B-\u200F\u2E80-\uFFFF]/.test(s)) return s.length;
  let n = 0;
  for (const ch of s.replace(/\u001b\[[0-9;]*m/g, '')) n += ZERO.test(ch) ? 0 : WIDE.test(ch) ? 2 : 1;
  return n;
}

/** Cuts a word wider than the column into pieces that fit. */
function splitLong(word: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && displayWidth(piece + ch) > width) {
      out.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) out.push(piece);
  return out;
}

/**
 * Wraps text at word boundaries to `width` columns. A leading indent (the tree of areas, criteria and
 * sub-criteria) is kept on every line, so continuation lines stay under their item.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const indent = /^ */.exec(para)![0].slice(0, Math.max(0, width - 1));
    const room = width - indent.length;
    let line = '';
    for (const word of para.trim().split(/\s+/).flatMap((w) => (displayWidth(w) > room ? splitLong(w, room) : [w]))) {
      if (line && displayWidth(line) + 1 + displayWidth(word) > room) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(indent + line);
  }
  return out;
}

/**
 * One line of a report fitted to a terminal `width`: continuation lines start at column `hang`, under
 * the text they continue. Without a width (a pipe, a file) the line stays whole.
 */
export function wrapLine(line: string, width: number | undefined, hang: number): string[] {
  if (!width || displayWidth(line) <= width) return [line];
  const lead = /^ */.exec(line)![0];
  const pad = ' '.repeat(Math.min(hang, width - 1));
  const room = width - Math.max(lead.length, pad.length);
  const out: string[] = [];
  let current = '';
  let prefix = lead;
  for (const word of line.trim().split(/\s+/).flatMap((w) => (displayWidth(w) > room ? splitLong(w, room) : [w]))) {
    if (current && displayWidth(prefix) + displayWidth(current) + 1 + displayWidth(word) > width) {
      out.push(prefix + current);
      prefix = pad;
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(prefix + current);
  return out;
}

/**
 * Column widths (as drawTable takes them) that fit `width` terminal columns: the `flexible` columns
 * (names, notes) give up room in proportion to their size, down to `least` each; the others (codes,
 * numbers) keep theirs, so no number is ever split. Without a width, or when it fits, as given.
 */
export function fitWidths(widths: readonly number[], flexible: readonly number[], width: number | undefined, least = 12): number[] {
  const out = [...widths];
  const drawn = widths.reduce((s, w) => s + w, 0) + widths.length + 1;
  if (!width || drawn <= width) return out;
  const excess = drawn - width;
  const room = flexible.reduce((s, i) => s + Math.max(0, widths[i]! - least), 0);
  if (room === 0) return out;
  const take = Math.min(excess, room);
  let taken = 0;
  flexible.forEach((i, k) => {
    const spare = Math.max(0, widths[i]! - least);
    const cut = k === flexible.length - 1 ? take - taken : Math.min(spare, Math.round((take * spare) / room));
    out[i] = widths[i]! - Math.min(cut, spare);
    taken += Math.min(cut, spare);
  });
  return out;
}

/**
 * The table cli-table3 draws with `style: { compact: true }` (same characters, padding and alignment;
 * a test holds them equal), drawn in linear time and with word wrapping that never drops text:
 * cli-table3 checks every cell against all cells before it (~6 s for a 3,321-commune province, ~40 ms
 * for one commune's score table), and it cut indented lines short with "…".
 * `widths` are whole column widths as in cli-table3's colWidths (text + one space each side).
 */
const unpainted = (s: string) => s;

export function drawTable(head: Cell[], rows: Cell[][], o: { aligns: Align[]; widths?: number[] }): string {
  const text = (c: Cell) => (typeof c === 'string' ? c : c.text);
  const paint = (c: Cell | undefined) => (c === undefined || typeof c === 'string' ? unpainted : c.paint);
  const lines = (c: Cell) => {
    const t = text(c);
    return t.includes('\n') ? t.split('\n') : [t];
  };
  // The widest line of each column, measured cell by cell (a ranking has thousands of rows: no copies of them).
  const inner = o.widths ? o.widths.map((w) => w - 2) : head.map(() => 0);
  if (!o.widths) {
    for (const r of [head, ...rows]) {
      for (let i = 0; i < head.length; i++) for (const l of lines(r[i] ?? '')) inner[i] = Math.max(inner[i]!, displayWidth(l));
    }
  }
  const rule = (l: string, m: string, r: string) => `${l}${inner.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const pad = (s: string, i: number, style: (s: string) => string = (x) => x) => {
    const gap = inner[i]! - displayWidth(s);
    const left = o.aligns[i] === 'right' ? gap : o.aligns[i] === 'center' ? Math.floor(gap / 2) : 0;
    return ` ${' '.repeat(left)}${s ? style(s) : s}${' '.repeat(gap - left)} `;
  };
  const row = (r: Cell[]) => {
    // One line a cell (every row of a ranking): the line is written straight, with no array per cell.
    if (!o.widths && r.every((c) => !text(c).includes('\n'))) {
      let line = '│';
      for (let i = 0; i < head.length; i++) line += `${pad(r[i] === undefined ? '' : text(r[i]!), i, paint(r[i]))}│`;
      return line;
    }
    const cells = head.map((_, i) => (o.widths ? wrapText(text(r[i] ?? ''), inner[i]!) : lines(r[i] ?? '')));
    const height = Math.max(...cells.map((c) => c.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push(`│${cells.map((c, i) => pad(c[k] ?? '', i, paint(r[i]))).join('│')}│`);
    }
    return out.join('\n');
  };
  return [rule('┌', '┬', '┐'), row(head), rule('├', '┼', '┤'), ...rows.map(row), rule('└', '┴', '┘')].join('\n');
}

/** A table as wide as its content, one line a row: the batch ranking. */
export function longTable(head: string[], rows: string[][], aligns: Align[]): string {
  return drawTable(head, rows, { aligns });
}
