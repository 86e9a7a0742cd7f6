import { join } from 'node:path';
import Table from 'cli-table3';
import type { CatalogNode } from '../schema/catalog.js';
import { CatalogCache, displayPath } from '../io/load.js';
import { criteriaDir, looksLikePath, shippedCatalogIds } from '../io/catalog-store.js';
import { plainNumber } from '../i18n/number.js';
import { describeRule } from '../reporters/describe.js';
import { drawTable, fitWidths, type Cell } from '../reporters/table.js';
import { EXIT, formatFindings, type CommandResult, type Context } from './context.js';
import { checkOutputs, deliver } from './output.js';

interface CatalogOptions {
  format: 'text' | 'json';
  /** The result goes to this file instead of stdout. */
  output?: string;
}

const H = {
  vi: {
    list: ['Mã', 'Cấp', 'Phạm vi', 'Năm', 'Tên', 'Số TCTP', 'Tối đa'],
    show: ['Mã', 'Nội dung', 'Tối đa', 'Cách tính điểm', 'Bộ phận tham mưu'],
    template: 'MẪU',
    none: `Chưa có bộ tiêu chí nào trong ${criteriaDir()}`,
    bands: 'Xếp loại',
    basis: 'Căn cứ',
  },
  en: {
    list: ['Id', 'Level', 'Scope', 'Year', 'Title', 'Items', 'Max'],
    show: ['Code', 'Item', 'Max', 'Scoring rule', 'Owner'],
    template: 'TEMPLATE',
    none: `No catalogs in ${criteriaDir()}`,
    bands: 'Bands',
    basis: 'Legal basis',
  },
};

export async function catalogListCommand(opts: CatalogOptions, ctx: Context): Promise<CommandResult> {
  const cache = new CatalogCache();
  const ids = await shippedCatalogIds();
  const inputs = ids.map((id) => join(criteriaDir(), `${id}.yaml`));
  const refused = await checkOutputs([['--output', opts.output]], inputs);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(refused, ctx.lang) };
  const out = (r: CommandResult) => deliver(r, opts.output, inputs, ctx);
  const loaded = await Promise.all(ids.map((id) => cache.get(id, process.cwd())));
  const broken = loaded.flatMap((c) => (c.index ? [] : c.findings));
  const rows = loaded.flatMap((c) => (c.index ? [c.index] : []));
  const stderr = formatFindings(broken, ctx.lang);
  const exitCode = broken.length ? EXIT.invalid : EXIT.ok;
  if (opts.format === 'json') {
    const list = rows.map(({ catalog: c, leaves }) => ({
      id: c.id, title: c.title, level: c.level, scope: c.scope, year: c.year, template: c.template,
      legalBasis: c.legal_basis, scale: c.scale, items: [...leaves.values()].filter((l) => l.section === 'areas').length,
    }));
    return out({ exitCode, stdout: `${JSON.stringify(list, null, 2)}\n`, stderr });
  }
  const h = H[ctx.lang];
  if (!rows.length) return out({ exitCode, stdout: `${h.none}\n`, stderr });
  const t = new Table({ head: h.list, style: { head: [], border: [] }, wordWrap: true, colWidths: [26, 6, 22, 6, 44, 9, 8] });
  for (const { catalog: c, leaves } of rows) {
    const n = [...leaves.values()].filter((l) => l.section === 'areas').length;
    t.push([c.id, c.level, c.template ? `${c.scope} (${h.template})` : c.scope, String(c.year), c.title, String(n), plainNumber(c.scale, ctx.lang)]);
  }
  return out({ exitCode, stdout: `${t.toString()}\n`, stderr });
}

export async function catalogShowCommand(ref: string, opts: CatalogOptions, ctx: Context): Promise<CommandResult> {
  const c = await new CatalogCache().get(ref, process.cwd());
  if (!c.index) {
    const findings = c.findings.map((f) => (f.file ? f : { ...f, file: looksLikePath(ref) ? displayPath(ref) : ref }));
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(findings, ctx.lang) };
  }
  const inputs = [c.path];
  const refused = await checkOutputs([['--output', opts.output]], inputs);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(refused, ctx.lang) };
  const cat = c.index.catalog;
  if (opts.format === 'json') return deliver({ exitCode: EXIT.ok, stdout: `${JSON.stringify(cat, null, 2)}\n`, stderr: '' }, opts.output, inputs, ctx);
  const h = H[ctx.lang];
  const { color: k, lang } = ctx;
  const rows: Cell[][] = [];
  const walk = (n: CatalogNode, depth: number, owner?: string) => {
    const own = n.owner ?? owner;
    const text = `${'  '.repeat(Math.max(depth - 1, 0))}${depth === 0 ? n.name.toUpperCase() : n.name}`;
    const name: Cell = depth <= 1 ? { text, paint: k.bold } : text;
    rows.push([n.code, name, plainNumber(n.max, lang), n.rule ? describeRule(n.rule, n.max, lang, cat.decimals) : '', n.children ? '' : (own ?? '')]);
    n.children?.forEach((ch) => walk(ch, depth + 1, own));
  };
  cat.areas.forEach((a) => walk(a, 0));
  for (const s of [cat.bonus, cat.penalty]) if (s) {
    rows.push(['', { text: `${s.name.toUpperCase()} (≤ ${plainNumber(s.max, lang)})`, paint: k.bold }, '', '', '']);
    s.items.forEach((n) => walk(n, 2));
  }
  const head = [
    k.bold(`${cat.id} — ${cat.title}${cat.template ? ` (${h.template})` : ''}`),
    `${h.basis}: ${cat.legal_basis.join('; ') || '—'}`,
    `${h.bands}: ${cat.bands.map((b) => `${b.label} ≥ ${plainNumber(b.from, lang)}%`).join('; ')}`,
  ];
  const widths = fitWidths([9, 50, 8, 48, 22], [1, 3, 4], ctx.width);
  const table = drawTable(h.show, rows, { widths, aligns: ['left', 'left', 'right', 'left', 'left'] });
  return deliver({ exitCode: EXIT.ok, stdout: `${head.join('\n')}\n${table}\n`, stderr: '' }, opts.output, inputs, ctx);
}
