import Table from 'cli-table3';
import type { CatalogNode } from '../core/schema/catalog.js';
import { diskCatalogs } from '../io/catalog-source.js';
import { displayPath } from '../io/paths.js';
import { CRITERIA_ENV, listCatalogs, looksLikePath } from '../io/catalog-store.js';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { SOURCE_EN, SOURCE_VI } from '../reporters/messages.js';
import { plainNumber } from '../reporters/number.js';
import { describeBandConditions, describeParentNotArisen, describeRule } from '../reporters/describe.js';
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
    list: ['Mã', 'Cấp', 'Phạm vi', 'Năm', 'Tên', 'Số TCTP', 'Tối đa', 'Nguồn'],
    show: ['Mã', 'Nội dung', 'Tối đa', 'Cách tính điểm', 'Bộ phận tham mưu'],
    template: 'MẪU',
    none: `Chưa có bộ tiêu chí nào (tìm trong ./criteria, ${CRITERIA_ENV} và các bộ có sẵn)`,
    source: SOURCE_VI,
    bands: 'Xếp loại',
    basis: 'Căn cứ',
    responsible: 'Biểu có cột "Công chức phụ trách (ký, ghi rõ họ tên)" cho từng tiêu chí',
    added: '[cấp dưới bổ sung]',
    extends: (id: string) => `Theo khung ${id}; mục đánh dấu [cấp dưới bổ sung] do cấp dưới bổ sung, các mục khác và điểm tối đa giữ như khung`,
    survey: (max: string) => `Điều tra xã hội học: ${max} điểm; năm không tổ chức điều tra thì chỉ số là điểm thẩm định tự chấm quy về thang điểm 100`,
  },
  en: {
    list: ['Id', 'Level', 'Scope', 'Year', 'Title', 'Items', 'Max', 'Source'],
    show: ['Code', 'Item', 'Max', 'Scoring rule', 'Owner'],
    template: 'TEMPLATE',
    none: `No catalogs (looked in ./criteria, ${CRITERIA_ENV} and the shipped ones)`,
    source: SOURCE_EN,
    bands: 'Bands',
    basis: 'Legal basis',
    responsible: 'The form has a column for the official in charge of each item to sign',
    added: '[added locally]',
    extends: (id: string) => `Inside the framework ${id}; items marked [added locally] were added by the lower level, the rest and all maxima are the framework's`,
    survey: (max: string) => `Survey share: ${max} points; in a year without survey the index is the assessment rescaled to 100`,
  },
};

/**
 * Every catalog an id can name, where each comes from (working folder, CCHC_CRITERIA, shipped), and a
 * warning for each file not used because an earlier folder has the same id.
 */
export async function catalogListCommand(opts: CatalogOptions, ctx: Context): Promise<CommandResult> {
  const store = diskCatalogs();
  const { catalogs, missing } = listCatalogs();
  const inputs = catalogs.map((c) => c.file);
  const refused = await checkOutputs([['--output', opts.output]], inputs);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(refused, ctx.lang) };
  const out = (r: CommandResult) => deliver(r, opts.output, inputs, ctx);
  const loaded = await Promise.all(catalogs.map((c) => store.get(c.file, process.cwd())));
  const broken = loaded.flatMap((c) => (c.flat ? [] : c.findings));
  const warnings: Finding[] = [
    ...missing.map((dir) => ({ ...finding('catalog.dir_not_found', []), file: dir })),
    ...catalogs.flatMap((c) =>
      c.shadowed.map((s) => ({ ...finding('catalog.shadowed', [], { id: c.id, used: displayPath(c.file), source: c.source }), file: displayPath(s.file) })),
    ),
  ];
  const rows = catalogs.flatMap((c, i) => {
    const flat = loaded[i]!.flat;
    return flat ? [{ found: c, index: flat }] : [];
  });
  const stderr = formatFindings([...broken, ...warnings], ctx.lang);
  const exitCode = broken.length ? EXIT.invalid : EXIT.ok;
  if (opts.format === 'json') {
    const list = rows.map(({ found, index: { catalog: c, leaves, extension } }) => ({
      id: c.id, title: c.title, level: c.level, scope: c.scope, year: c.year, template: c.template,
      framework: c.framework ?? false, extends: extension?.framework ?? null,
      legalBasis: c.legal_basis, scale: c.scale, items: [...leaves.values()].filter((l) => l.section === 'areas').length,
      source: found.source, file: displayPath(found.file),
      shadowed: found.shadowed.map((s) => ({ source: s.source, file: displayPath(s.file) })),
    }));
    return out({ exitCode, stdout: `${JSON.stringify(list, null, 2)}\n`, stderr });
  }
  const h = H[ctx.lang];
  if (!rows.length) return out({ exitCode, stdout: `${h.none}\n`, stderr });
  const t = new Table({ head: h.list, style: { head: [], border: [] }, wordWrap: true, colWidths: [24, 6, 20, 6, 38, 9, 8, 18] });
  for (const { found, index: { catalog: c, leaves } } of rows) {
    const n = [...leaves.values()].filter((l) => l.section === 'areas').length;
    const from = h.source[found.source] ?? found.source;
    t.push([c.id, c.level, c.template ? `${c.scope} (${h.template})` : c.scope, String(c.year), c.title, String(n), plainNumber(c.scale, ctx.lang), from]);
  }
  return out({ exitCode, stdout: `${t.toString()}\n`, stderr });
}

export async function catalogShowCommand(ref: string, opts: CatalogOptions, ctx: Context): Promise<CommandResult> {
  const c = await diskCatalogs().get(ref, process.cwd());
  if (!c.flat) {
    const findings = c.findings.map((f) => (f.file ? f : { ...f, file: looksLikePath(ref) ? displayPath(ref) : ref }));
    return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(findings, ctx.lang) };
  }
  const inputs = [c.path];
  const refused = await checkOutputs([['--output', opts.output]], inputs);
  if (refused.length) return { exitCode: EXIT.invalid, stdout: '', stderr: formatFindings(refused, ctx.lang) };
  const cat = c.flat.catalog;
  if (opts.format === 'json') return deliver({ exitCode: EXIT.ok, stdout: `${JSON.stringify(cat, null, 2)}\n`, stderr: '' }, opts.output, inputs, ctx);
  const h = H[ctx.lang];
  const { color: k, lang } = ctx;
  const rows: Cell[][] = [];
  const walk = (n: CatalogNode, depth: number, owner?: string) => {
    const own = n.owner ?? owner;
    const mark = c.flat!.extension?.added.has(n.code) ? ` ${h.added}` : '';
    const text = `${'  '.repeat(Math.max(depth - 1, 0))}${depth === 0 ? n.name.toUpperCase() : n.name}${mark}`;
    const name: Cell = depth <= 1 ? { text, paint: k.bold } : text;
    const rule = n.rule ? describeRule(n.rule, n.max, lang, cat.decimals) : n.when_not_arisen ? describeParentNotArisen(n.when_not_arisen, lang) : '';
    rows.push([n.code, name, plainNumber(n.max, lang), rule, n.children ? '' : (own ?? '')]);
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
    `${h.bands}: ${cat.bands.map((b) => `${b.label} ≥ ${plainNumber(b.from, lang)}%${b.requires ? ` (${describeBandConditions(b, lang)})` : ''}`).join('; ')}`,
    ...(cat.responsible_column ? [h.responsible] : []),
    ...(c.flat.extension ? [h.extends(c.flat.extension.framework)] : []),
    ...(cat.survey_share ? [h.survey(plainNumber(cat.survey_share.max, lang))] : []),
  ];
  const widths = fitWidths([9, 50, 8, 48, 22], [1, 3, 4], ctx.width);
  const table = drawTable(h.show, rows, { widths, aligns: ['left', 'left', 'right', 'left', 'left'] });
  return deliver({ exitCode: EXIT.ok, stdout: `${head.join('\n')}\n${table}\n`, stderr: '' }, opts.output, inputs, ctx);
}
