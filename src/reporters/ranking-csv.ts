import type { BatchReport } from '../core/batch/report.js';
import { changeOf } from './change.js';
import type { Lang } from './number.js';
import { scaled } from '../core/batch/rank.js';

/**
 * Two flavours. `csv`, machine data: comma separator, decimal point (RFC 4180). `csv-vi`, for Excel
 * with Vietnamese regional settings (list separator ";", decimal comma), which reads `csv` as one
 * column and "11.25" as a date or text. Both: UTF-8 with a BOM (so Excel reads Vietnamese letters
 * right), CRLF lines, text cells a spreadsheet would run as a formula neutralised.
 */
export type CsvFlavour = 'csv' | 'csv-vi';

const SEPARATOR: Record<CsvFlavour, string> = { csv: ',', 'csv-vi': ';' };

/** A text cell a spreadsheet would run as a formula is neutralised with a leading apostrophe. */
export function csvText(s: string, flavour: CsvFlavour = 'csv'): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  const quote = flavour === 'csv' ? /[",\r\n]/ : /[";\r\n]/;
  return quote.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rankingCsv(r: BatchReport, flavour: CsvFlavour = 'csv', lang: Lang = 'vi'): string {
  const d = r.catalog?.decimals ?? 2;
  const text = (s: string) => csvText(s, flavour);
  const num = (x: number | null | undefined) => {
    if (x === null || x === undefined) return '';
    const s = x.toFixed(d);
    return flavour === 'csv-vi' ? s.replace('.', ',') : s;
  };
  const areas = r.catalog?.areas ?? [];
  const head = [
    'group', 'rank', 'rankLabel', 'code', 'name', 'parent', 'type', 'province',
    ...areas.map((a) => `area_${a.code}`),
    'achieved', 'bonus', 'penalty', 'total', 'applicableMax', 'index', 'band',
    ...(r.appraisals ? ['appraised', 'selfIndex', 'indexDifference', 'round'] : []),
    'changeRank', 'changeIndex', 'change', 'comparedWith', 'file',
  ];
  const sep = SEPARATOR[flavour];
  const rows = r.groups.flatMap((g) =>
    g.units.map((u) => {
      const points = new Map(u.areas.map((a) => [a.code, a.points]));
      const ch = u.change;
      return [
        text(g.key ?? ''),
        String(u.rank),
        text(u.rankLabel),
        text(u.code),
        text(u.name),
        text(u.parent ?? ''),
        text(u.type ?? ''),
        text(u.province),
        ...areas.map((a) => num(points.get(a.code))),
        num(u.achieved), num(u.bonus), num(u.penalty), num(u.total), num(u.applicableMax), num(u.index),
        text(u.band ?? ''),
        ...(r.appraisals
          ? u.appraisal
            ? ['true', num(u.appraisal.selfIndex), num((scaled(u.index, d) - scaled(u.appraisal.selfIndex, d)) / 10 ** d), u.appraisal.round]
            : ['false', num(u.index), num(0), '']
          : []),
        ch?.rankChange === null || ch?.rankChange === undefined ? '' : String(ch.rankChange),
        num(ch?.indexDelta),
        text(ch ? changeOf(ch, u.groupSize, lang) : ''),
        text(ch?.merged && ch.previous ? ch.previous.code : ''),
        text(u.file),
      ].join(sep);
    }),
  );
  return `\uFEFF${[head.join(sep), ...rows].join('\r\n')}\r\n`;
}
