// Deterministic evidence files against the shipped catalog xa-mau-2024:
//   node scripts/gen-province.mjs examples           → examples/van-lang-2024/*.yaml and examples/van-lang-2023.json
//   node scripts/gen-province.mjs province [dir] [n] → a synthetic province of n communes (default .bench/province, 3321)
// The same input always gives the same bytes. Names, codes, figures and document numbers are illustrative.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const YEAR = 2024;

/** mulberry32 seeded from a string: every commune draws its own reproducible numbers. */
export function rng(seed) {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadCatalog() {
  return parse(readFileSync(join(ROOT, 'criteria/xa-mau-2024.yaml'), 'utf8'));
}

function leaves(nodes, out = []) {
  for (const n of nodes) {
    if (n.children) leaves(n.children, out);
    else out.push(n);
  }
  return out;
}

/** Tasks that often do not arise in a commune's year, and how often. */
const NOT_ARISEN = {
  '2.1': [0.7, 'Năm 2024, HĐND và UBND xã không ban hành văn bản quy phạm pháp luật.'],
  '3.2.2': [0.6, 'Năm 2024 không có hồ sơ TTHC giải quyết quá hạn.'],
  '3.4': [0.35, 'Năm 2024, UBND xã không tiếp nhận phản ánh, kiến nghị nào về quy định hành chính, thủ tục hành chính.'],
  '6.4': [0.5, 'Năm 2024 không có cuộc thanh tra, kiểm toán về tài chính, ngân sách xã.'],
  '6.5': [0.15, 'Năm 2024, xã không được giao kế hoạch vốn đầu tư công.'],
};

const pad2 = (n) => String(n).padStart(2, '0');
const round2 = (x) => Math.round(x * 100) / 100;

function docFor(leaf, unitName, r) {
  const kind = /^Ban hành|[Kk]ế hoạch/.test(leaf.name) ? ['Kế hoạch', 'KH-UBND'] : ['Báo cáo', 'BC-UBND'];
  const month = 1 + Math.floor(r() * 11);
  const day = 1 + Math.floor(r() * 27);
  const num = 10 + Math.floor(r() * 440);
  const subject = leaf.name.charAt(0).toLowerCase() + leaf.name.slice(1);
  return `${kind[0]} số ${num}/${kind[1]} ngày ${pad2(day)}/${pad2(month)}/${YEAR} của ${unitName} về ${subject.split(' (')[0]} năm ${YEAR}`;
}

/** A count that fits the item: dossiers in the hundreds, staff and plans in units. */
function denominator(key, r) {
  if (/tong$|giai_quyet|co_nghia_vu|tong_van_ban|duoc_giao$/.test(key)) return 200 + Math.floor(r() * 1400);
  if (/tiep_nhan/.test(key)) return 3 + Math.floor(r() * 20);
  if (/tong_chi_tieu/.test(key)) return 12 + Math.floor(r() * 8);
  return 4 + Math.floor(r() * 18);
}

function rateFor(rule, good, r) {
  if (rule.kind === 'pro_rata') return good ? 0.95 + r() * 0.05 : 0.6 + r() * 0.33;
  const bands = [...rule.bands].sort((a, b) => b.from - a.from);
  if (good) return (bands[0].from + r() * (100 - bands[0].from)) / 100;
  const i = Math.min(bands.length - 1, 1 + (r() < 0.8 ? 0 : 1));
  const hi = bands[i - 1].from;
  const lo = bands[i].from === 0 ? Math.max(0, hi - 25) : bands[i].from;
  return (lo + r() * (hi - lo - 0.5)) / 100;
}

function valueFor(leaf, q, r) {
  const rule = leaf.rule;
  const good = r() < q;
  switch (rule.kind) {
    case 'timeliness':
      return good ? 'dung_han' : r() < 0.85 ? 'cham' : 'khong';
    case 'yes_no':
      return good;
    case 'choice': {
      const opts = [...rule.options].sort((a, b) => (b.points ?? b.fraction * leaf.max) - (a.points ?? a.fraction * leaf.max));
      return opts[good ? 0 : Math.min(opts.length - 1, r() < 0.8 ? 1 : 2)].value;
    }
    case 'judgement':
      return good ? leaf.max : Math.floor(leaf.max * (0.5 + r() * 0.4) * 4) / 4;
    case 'deduction':
      return good ? 0 : 1 + Math.floor(r() * 2);
    case 'survey':
      return round2(Math.min(99.5, 80 + q * 16 + (r() - 0.5) * 6));
    case 'rate_bands':
    case 'pro_rata': {
      const rate = Math.min(1, rateFor(rule, good, r));
      if (rule.measure === 'percent') return Math.round(rate * 1000) / 10;
      const den = denominator(rule.denominator.key, r);
      const num = Math.min(den, good && rate >= 0.999 ? den : Math.floor(den * rate));
      return { [rule.numerator.key]: num, [rule.denominator.key]: den };
    }
  }
  throw new Error(`unknown rule ${rule.kind}`);
}

/** One commune's evidence: quality q in 0..1 sets how many items reach full marks. */
export function unitEvidence(catalog, unit, q, seed = unit.code) {
  const r = rng(`${seed}/${YEAR}`);
  const items = {};
  for (const leaf of leaves(catalog.areas)) {
    const na = NOT_ARISEN[leaf.code];
    if (na && r() < na[0]) {
      items[leaf.code] = { not_arisen: na[1] };
      continue;
    }
    items[leaf.code] = { value: valueFor(leaf, q, r), documents: [docFor(leaf, unit.name, r)] };
  }
  // Bonus for the best, the odd reprimand for the weakest.
  if (r() < q * 0.35) items['T.1'] = { value: true, documents: [`Quyết định số ${100 + Math.floor(r() * 800)}/QĐ-UBND ngày 15/11/${YEAR} của UBND huyện về khen thưởng`] };
  if (r() > 0.5 + q * 0.5) items['D.1'] = { value: 'mot_lan', documents: [`Thông báo số ${20 + Math.floor(r() * 300)}/TB-UBND ngày 05/08/${YEAR} của UBND huyện`] };
  return { unit, catalog: 'xa-mau-2024', year: YEAR, date: `${pad2(20 + Math.floor(r() * 9))}/12/${YEAR}`, items };
}

export function evidenceYaml(ev, schemaPath, comment) {
  const head = [`# yaml-language-server: $schema=${schemaPath}`, ...comment.map((c) => `# ${c}`)].join('\n');
  return `${head}\n${stringify(ev, { lineWidth: 0 })}`;
}

// ── Văn Lãng district, 2024 (examples/) ─────────────────────────────────────────────────────────

const PARENT = 'UBND huyện Văn Lãng';
const PROVINCE = 'Lạng Sơn';
const slug = (s) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** code, name, type, 2024 quality (null: not a unit in 2024), 2023 index and whether it was a unit in 2023. */
const VAN_LANG = [
  ['20100', 'Na Sầm', 'thi_tran', 0.9, 90.35],
  ['20101', 'Hoàng Việt', 'xa', null, 92.0], // examples/hoang-viet-2024.yaml, copied
  ['20102', 'Tân Mỹ', 'xa', 0.8, 86.1],
  ['20103', 'Tân Thanh', 'xa', 0.86, 93.12],
  ['20104', 'Hội Hoan', 'xa', 0.66, 78.4],
  ['20105', 'Bắc La', 'xa', 0.62, 80.05],
  ['20106', 'Gia Miễn', 'xa', 0.74, 83.5],
  ['20107', 'Thành Hòa', 'xa', 0.5, 74.25],
  ['20108', 'Tân Tác', 'xa', 0.75, 82.6], // the invalid file in 2024
  ['20109', 'Thanh Long', 'xa', 0.74, 84.7],
  ['20110', 'Hồng Thái', 'xa', 0.7, 79.9],
  ['20111', 'Nhạc Kỳ', 'xa', 0.52, 71.3],
  ['20112', 'Trùng Khánh', 'xa', 0.78, 85.15],
  ['20113', 'Tân Việt', 'xa', 0.62, 72.8],
  ['20114', 'An Hùng', 'xa', 0.84, 92.2],
  ['20115', 'Thụy Hùng', 'xa', undefined, 81.45], // merged into 20120 at the start of 2024
  ['20116', 'Trùng Quán', 'xa', undefined, 76.9],
];
const MERGED = { code: '20120', name: 'Thụy Hùng', type: 'xa', q: 0.72, predecessors: ['20115', '20116'] };
/** Gia Miễn's twin: the same total from other items, so the two tie exactly. */
const TWIN_OF = { '20109': '20106' };

function unitOf(code, name, type, extra = {}) {
  const prefix = type === 'thi_tran' ? 'thị trấn' : 'xã';
  return { code, name: `UBND ${prefix} ${name}`, level: 'xa', type, parent: PARENT, province: PROVINCE, place: name, ...extra };
}

/** Gia Miễn and Thanh Long lose the same points on different items (1.4/1.5, 3.1.1/3.1.2, 7.3.2/7.3.3). */
function twin(ev, unit) {
  const out = structuredClone(ev);
  out.unit = unit;
  const set = (code, value) => (out.items[code] = { value, documents: [docFor({ name: code === '1.5' ? 'Sáng kiến cải cách hành chính' : 'Thực hiện nhiệm vụ' }, unit.name, rng(code))] });
  set('1.4', 'chua_day_du');
  set('1.5', 'cong_nhan');
  set('3.1.1', false);
  set('3.1.2', true);
  set('7.3.2', false);
  set('7.3.3', true);
  for (const it of Object.values(out.items)) if (it.documents) it.documents = it.documents.map((d) => d.replace(ev.unit.name, unit.name));
  return out;
}

function twinBase(ev) {
  const out = structuredClone(ev);
  const set = (code, value) => (out.items[code] = { ...out.items[code], value });
  set('1.4', 'day_du');
  set('1.5', 'ap_dung');
  set('3.1.1', true);
  set('3.1.2', false);
  set('7.3.2', true);
  set('7.3.3', false);
  return out;
}

function writeExamples() {
  const catalog = loadCatalog();
  const dir = join(ROOT, 'examples/van-lang-2024');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const schema = '../../schema/evidence.schema.json';
  const note = (name) => [
    `Tệp kê khai MINH HỌA của ${name} (huyện Văn Lãng, tỉnh Lạng Sơn), năm ${YEAR}, theo bộ tiêu chí mẫu xa-mau-2024.`,
    'Mã đơn vị, số liệu, số và ngày văn bản là giả định (sinh bởi scripts/gen-province.mjs), không phải hồ sơ thật.',
  ];
  const evs = new Map();
  for (const [code, name, type, q] of VAN_LANG) {
    if (q === undefined || q === null) continue;
    const unit = unitOf(code, name, type);
    evs.set(code, unitEvidence(catalog, unit, q));
  }
  evs.set('20106', twinBase(evs.get('20106')));
  for (const [code, of] of Object.entries(TWIN_OF)) evs.set(code, twin(evs.get(of), evs.get(code).unit));
  const merged = unitOf(MERGED.code, MERGED.name, MERGED.type, { predecessors: MERGED.predecessors });
  evs.set(MERGED.code, unitEvidence(catalog, merged, MERGED.q));

  // Tân Tác typed more dossiers on time than it resolved: the batch lists it and ranks the rest.
  const bad = evs.get('20108');
  bad.items['3.2.1'] = { value: { dung_han: 1250, tong: 1200 }, documents: bad.items['3.2.1'].documents ?? [] };

  for (const [code, ev] of evs) {
    const extra = code === MERGED.code ? ['Xã Thụy Hùng hợp nhất từ xã Thụy Hùng (mã 20115) và xã Trùng Quán (mã 20116) từ 01/01/2024 (giả định).'] : [];
    const text = evidenceYaml(ev, schema, [...note(ev.unit.name), ...extra]);
    writeFileSync(join(dir, `${code}-${slug(ev.unit.place)}.yaml`), text);
  }
  const hv = readFileSync(join(ROOT, 'examples/hoang-viet-2024.yaml'), 'utf8').replace('$schema=../schema/', `$schema=../../schema/`);
  writeFileSync(join(dir, '20101-hoang-viet.yaml'), hv);
  writeFileSync(join(ROOT, 'examples/van-lang-2023.json'), `${JSON.stringify(previousYear(catalog), null, 2)}\n`);
}

/**
 * Last year's `cchc batch --json` result for the district (illustrative): Hoàng Việt 92,00%, 03/17 as
 * in its 2024 plan; Thụy Hùng and Trùng Quán still separate communes.
 */
function previousYear(catalog) {
  const decimals = 2;
  const rows = VAN_LANG.map(([code, name, type, , index]) => ({ code, name, type, index }));
  const order = [...rows].sort((a, b) => b.index - a.index);
  const units = order.map((u, i) => {
    const rank = order.findIndex((x) => x.index === u.index) + 1;
    const r = rng(`${u.code}/2023`);
    const applicableMax = r() < 0.6 ? 100 : 98.5;
    const total = round2((u.index * applicableMax) / 100);
    // Points per area close to the index, the last area taking the rounding so they add up.
    let left = total;
    // (With 98,5 applicable, item 2.1 did not arise: area 2 is assessed on 7,5.)
    const areas = catalog.areas.map((a, k) => {
      const appl = a.code === '2' && applicableMax < 100 ? a.max - 1.5 : a.max;
      const last = k === catalog.areas.length - 1;
      const share = last ? left : Math.min(appl, round2(appl * Math.min(1, (u.index / 100) * (0.97 + r() * 0.06))));
      left = round2(left - share);
      return { code: a.code, points: share, applicableMax: appl };
    });
    const band = catalog.bands.find((b) => u.index >= b.from)?.label ?? null;
    const unit = unitOf(u.code, u.name, u.type);
    return {
      code: u.code,
      name: unit.name,
      group: null,
      parent: PARENT,
      type: u.type,
      province: PROVINCE,
      predecessors: [],
      file: `van-lang-2023/${u.code}-${slug(u.name)}.yaml`,
      achieved: total,
      bonus: 0,
      penalty: 0,
      total,
      applicableMax,
      index: u.index,
      band,
      rank,
      rankLabel: `${String(rank).padStart(2, '0')}/${order.length}`,
      groupSize: order.length,
      areas,
      warnings: 0,
      change: null,
      _i: i,
    };
  });
  for (const u of units) delete u._i;
  const idx = units.map((u) => Math.round(u.index * 100));
  return {
    formatVersion: 1,
    catalog: {
      id: 'xa-mau-2023',
      title: 'Bộ tiêu chí MẪU xác định Chỉ số cải cách hành chính cấp xã năm 2023 (minh họa)',
      level: 'xa',
      scope: catalog.scope,
      year: 2023,
      template: true,
      decimals,
      areas: catalog.areas.map((a) => ({ code: a.code, name: a.name, max: a.max })),
    },
    groupBy: null,
    compare: null,
    units,
    invalid: [],
    weak: [],
    summary: {
      files: units.length,
      ranked: units.length,
      invalid: 0,
      average: Math.round(idx.reduce((s, x) => s + x, 0) / idx.length) / 100,
      highest: Math.max(...idx) / 100,
      lowest: Math.min(...idx) / 100,
      bands: catalog.bands.map((b) => ({ label: b.label, units: units.filter((u) => u.band === b.label).length })),
      failUnder: null,
      belowThreshold: 0,
      warnings: 0,
    },
  };
}

// ── A synthetic province (bench) ────────────────────────────────────────────────────────────────

const SYLLABLES = ['An', 'Bình', 'Hòa', 'Tân', 'Phú', 'Long', 'Hưng', 'Đông', 'Tây', 'Nam', 'Bắc', 'Thuận', 'Lộc', 'Mỹ', 'Trung', 'Phước', 'Xuân', 'Quang', 'Minh', 'Thạnh', 'Hồng', 'Kim', 'Sơn', 'Thủy', 'Yên', 'Vĩnh', 'Đức', 'Thanh', 'Hải', 'Lạc'];

/** n communes in districts of about 13, spread over qualities; returns the folder. */
export function generateProvince(dir = join(ROOT, '.bench/province'), n = 3321) {
  const catalog = loadCatalog();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = rng('province');
  const pick = () => SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  const districts = Math.ceil(n / 13);
  for (let d = 0; d < districts; d++) {
    const district = `UBND huyện ${pick()} ${pick()} ${d + 1}`;
    mkdirSync(join(dir, `huyen-${String(d + 1).padStart(3, '0')}`), { recursive: true });
    for (let k = 0; k < 13 && d * 13 + k < n; k++) {
      const i = d * 13 + k;
      const code = String(900000 + i);
      const place = `${pick()} ${pick()}`;
      const unit = { code, name: `UBND xã ${place}`, level: 'xa', type: 'xa', parent: district, province: 'Tỉnh Thử Nghiệm', place };
      const ev = unitEvidence(catalog, unit, r());
      writeFileSync(join(dir, `huyen-${String(d + 1).padStart(3, '0')}`, `${code}.yaml`), evidenceYaml(ev, '../../../schema/evidence.schema.json', ['Đơn vị giả lập cho đo hiệu năng.']));
    }
  }
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [mode, dir, n] = process.argv.slice(2);
  if (mode === 'examples') writeExamples();
  else if (mode === 'province') console.log(generateProvince(dir ? resolve(dir) : undefined, n ? Number(n) : undefined));
  else {
    console.error('usage: node scripts/gen-province.mjs examples | province [dir] [n]');
    process.exit(2);
  }
}
