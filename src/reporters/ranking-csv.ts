import type { BatchReport } from '../batch/report.js';

/** A text cell a spreadsheet would run as a formula is neutralised with a leading apostrophe. */
export function csvText(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const num = (x: number | null | undefined, d: number) => (x === null || x === undefined ? '' : x.toFixed(d));

/**
 * Machine data: UTF-8 with a BOM (so spreadsheet programs read Vietnamese correctly), comma separator,
 * decimal point, CRLF lines (RFC 4180), one row per ranked unit.
 */
export function rankingCsv(r: BatchReport): string {
  const d = r.catalog?.decimals ?? 2;
  const areas = r.catalog?.areas ?? [];
  const head = [
    'group', 'rank', 'rankLabel', 'code', 'name', 'parent', 'type', 'province',
    ...areas.map((a) => `area_${a.code}`),
    'achieved', 'bonus', 'penalty', 'total', 'applicableMax', 'index', 'band',
    'changeRank', 'changeIndex', 'change', 'comparedWith', 'file',
  ];
  const rows = r.groups.flatMap((g) =>
    g.units.map((u) => {
      const points = new Map(u.areas.map((a) => [a.code, a.points]));
      const ch = u.change;
      return [
        csvText(g.key ?? ''),
        String(u.rank),
        csvText(u.rankLabel),
        csvText(u.code),
        csvText(u.name),
        csvText(u.parent ?? ''),
        csvText(u.type ?? ''),
        csvText(u.province),
        ...areas.map((a) => num(points.get(a.code), d)),
        num(u.achieved, d), num(u.bonus, d), num(u.penalty, d), num(u.total, d), num(u.applicableMax, d), num(u.index, d),
        csvText(u.band ?? ''),
        ch?.rank === null || ch?.rank === undefined ? '' : String(ch.rank),
        num(ch?.index, d),
        csvText(ch?.label ?? ''),
        csvText(ch?.merged && ch.previous ? ch.previous.code : ''),
        csvText(u.file),
      ].join(',');
    }),
  );
  return `\uFEFF${[head.join(','), ...rows].join('\r\n')}\r\n`;
}
