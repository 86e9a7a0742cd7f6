import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { diskCatalogs } from '../../src/io/catalog-source.js';
import { scoreFile } from '../../src/workbook/unit-file.js';
import { textReporter } from '../../src/reporters/text.js';
import { displayWidth, fitWidths } from '../../src/reporters/table.js';
import { cli } from './run.js';

const HOANG_VIET = 'examples/hoang-viet-2024.yaml';

async function report(width?: number, lang: 'vi' | 'en' = 'vi') {
  const u = await scoreFile(HOANG_VIET, diskCatalogs());
  return textReporter(u.result!, { lang, color: new Chalk({ level: 0 }), flat: u.flat!, findings: u.findings, ...(width ? { width } : {}) });
}

/** The report's characters without layout (spaces, borders): the same whatever the width. */
const letters = (s: string) => [...s.replace(/[\s│┌┐└┘├┤┬┴┼─]/g, '')].sort().join('');
const numbers = (s: string) => (s.match(/\d+,\d+%?/g) ?? []).sort();

describe('the score table fits the terminal', () => {
  const full = report();

  it('is drawn full width when not on a terminal (pipes, files, goldens)', async () => {
    const widest = Math.max(...(await full).split('\n').map(displayWidth));
    expect(widest).toBeGreaterThan(110);
  });

  for (const width of [80, 100]) {
    it(`at ${width} columns: no line is longer, no text is lost, numbers stay whole`, async () => {
      for (const lang of ['vi', 'en'] as const) {
        const fitted = await report(width, lang);
        const whole = await report(undefined, lang);
        for (const line of fitted.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
        expect(letters(fitted)).toBe(letters(whole));
        expect(numbers(fitted)).toEqual(numbers(whole));
        // The table keeps its five columns, straight.
        const table = fitted.split('\n').filter((l) => /^[│┌├└]/.test(l));
        expect(new Set(table.map(displayWidth)).size).toBe(1);
        expect(table[0]!.split('┬')).toHaveLength(5);
      }
    });
  }

  it('narrows the name and note columns only; code and number columns keep their width', () => {
    expect(fitWidths([9, 56, 8, 8, 26], [1, 4], 80)).toEqual([9, 31, 8, 8, 18]);
    expect(fitWidths([9, 56, 8, 8, 26], [1, 4], 100).reduce((s, w) => s + w, 0) + 6).toBe(100);
    expect(fitWidths([9, 56, 8, 8, 26], [1, 4], 200)).toEqual([9, 56, 8, 8, 26]);
    expect(fitWidths([9, 56, 8, 8, 26], [1, 4], undefined)).toEqual([9, 56, 8, 8, 26]);
  });

  it('cchc score on an 80-column terminal fits it; piped, the same command is full width', async () => {
    const tty = await cli(['--no-color', 'score', HOANG_VIET], { isTTY: true, columns: 80 });
    expect(tty.exitCode).toBe(0);
    for (const line of tty.stdout.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    const piped = await cli(['score', HOANG_VIET]);
    expect(piped.stdout).toBe(await full);
  });
});
