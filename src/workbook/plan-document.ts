import type { Evidence } from '../core/schema/evidence.js';
import type { FlatCatalog } from '../core/flat-catalog.js';
import type { PlanData } from '../core/plan/plan.js';
import type { Provenance } from '../core/provenance.js';
import { isPositive, sumPoints, toNumber } from '../core/fixed.js';
import { docxBytes, type Block, type Cell, type Para, type Run } from '../docx/word.js';
import { MOTTO_RULE, ruleUnder, text } from './sheet-style.js';
import { signerTitle, SIGN_HINT } from './signature.js';
import { shownRate } from '../core/scoring/rules.js';
import { readValue } from '../core/scoring/rules.js';
import {
  annexHead,
  deadlineShort,
  annexRows,
  dateText,
  itemGoal,
  kindWord,
  openingSentence,
  pct,
  placeOf,
  pts,
  selfName,
  shortName,
} from './plan-words.js';
import { targetWords } from '../reporters/whatif.js';
import { atLeastText } from '../reporters/number.js';

/**
 * "Kế hoạch nâng cao Chỉ số cải cách hành chính" in the layout of Hoàng Việt's 2024 plan and Nghị định
 * 30/2020/NĐ-CP: header, "Số: …/KH-UBND", place and date, title, the result sentence, I. Mục đích, yêu
 * cầu; II. Mục tiêu; III. Nhiệm vụ, giải pháp; IV. Tổ chức thực hiện; Nơi nhận and signature; then the
 * annex "Mục tiêu phấn đấu" on a landscape page.
 */

export interface PlanDocumentOptions {
  /** dd/mm/yyyy of the plan; blanks for the clerk when not given. */
  date?: string;
  /** dd/mm/yyyy by which the tasks are done (section III.2 and the annex). */
  deadline: string;
  provenance?: Provenance;
}

const SIZE = 14;
const p = (runs: Run[] | string, o: Omit<Para, 'kind' | 'runs'> = {}): Para => ({ kind: 'p', runs: typeof runs === 'string' ? [{ text: runs }] : runs, ...o });
/** Body text: justified, first line indented 10 mm, 6 points after (Nghị định 30). */
const body = (runs: Run[] | string): Para => p(runs, { align: 'justify', indent: 10, after: 6 });
const heading = (t: string): Para => p([{ text: t, bold: true }], { align: 'justify', indent: 10, after: 6, keepNext: true });
const dash = (t: string): Para => body(`- ${t}`);
const plus = (t: string): Para => body(`+ ${t}`);
const centre = (t: string, o: Run = { text: '' }, size = 13): Para => p([{ ...o, text: t }], { align: 'center', size });
const cell = (blocks: Para[], o: Omit<Cell, 'blocks'> = {}): Cell => ({ blocks, ...o });

/** The month-day-year words of a dd/mm/yyyy deadline: "30 tháng 11 năm 2025". */
function deadlineWords(date: string): string {
  return dateText(date, 0);
}

export async function planDocument(plan: PlanData, flat: FlatCatalog, evidence: Evidence, o: PlanDocumentOptions): Promise<Buffer> {
  const r = plan.result;
  const u = r.unit;
  const d = r.decimals;
  const y = r.catalog.year;
  const py = plan.planYear;
  const kind = kindWord(u);
  const self = selfName(u);
  const who = shortName(u.name);
  const coordinator = plan.coordinator ?? 'Văn phòng';
  const blocks: Block[] = [];

  // Header (Nghị định 30): the issuing body and its superior on the left, the national title on the right.
  const unitUpper = text(u.name).toUpperCase();
  blocks.push({
    kind: 'table',
    widths: [70, 95],
    borders: false,
    rows: [
      [
        cell([
          ...(u.parent ? [centre(text(u.parent).toUpperCase(), { text: '' }, 12)] : []),
          centre(unitUpper, { text: '', bold: true }, 12),
          centre(ruleUnder(unitUpper), { text: '' }, 12),
        ]),
        cell([
          centre('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { text: '', bold: true }, 12),
          centre('Độc lập - Tự do - Hạnh phúc', { text: '', bold: true }, 13),
          centre(MOTTO_RULE, { text: '' }, 12),
        ]),
      ],
      [cell([centre('Số:        /KH-UBND', { text: '' }, 13)]), cell([centre(`${placeOf(u)}, ngày ${dateText(o.date, py)}`, { text: '', italic: true }, 13)])],
    ],
  });

  blocks.push(p([{ text: 'KẾ HOẠCH', bold: true }], { align: 'center', before: 18 }));
  blocks.push(p([{ text: `Nâng cao Chỉ số cải cách hành chính ${who} năm ${py}`, bold: true }], { align: 'center' }));
  blocks.push(p([{ text: '─'.repeat(10) }], { align: 'center', after: 12, size: 12 }));

  // The result that the plan answers.
  const lostItems = plan.areas.flatMap((a) => a.items);
  const lostTotal = sumPoints(lostItems.map((i) => toNumber(i.lost)));
  blocks.push(body(openingSentence(plan)));
  blocks.push(
    body(
      `Tổng điểm đạt ${pts(r.total, d)}/${pts(r.applicableMax, d)} điểm; ${lostItems.length} tiêu chí, tiêu chí thành phần bị mất điểm, ` +
        `tổng cộng ${lostTotal.toFixed(d).replace('.', ',')} điểm.`,
    ),
  );
  blocks.push(
    body(
      `${self} ban hành Kế hoạch khắc phục những tiêu chí, tiêu chí thành phần bị mất điểm qua kết quả xác định Chỉ số cải cách hành chính năm ${y}` +
        `${u.parent ? ` trên địa bàn ${shortName(u.parent)}` : ''}, tiếp tục nâng cao chất lượng, hiệu quả công tác cải cách hành chính (CCHC) và cung cấp các dịch vụ công, ` +
        `phục vụ người dân, tổ chức, doanh nghiệp; cải thiện, nâng cao Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính, ` +
        `Chỉ số cải cách hành chính của ${kind} trong năm ${py} và những năm tiếp theo, như sau:`,
    ),
  );

  // I. Mục đích, yêu cầu
  blocks.push(heading('I. MỤC ĐÍCH, YÊU CẦU'));
  blocks.push(
    body(
      `1. Thực hiện các giải pháp khắc phục những tồn tại, hạn chế của công tác CCHC đã được chỉ ra qua kết quả xác định Chỉ số cải cách hành chính năm ${y} của ${self}. ` +
        `Nâng cao tinh thần, trách nhiệm của người đứng đầu, cán bộ, công chức và Nhân dân trong nỗ lực cải thiện Chỉ số cải cách hành chính, Chỉ số hài lòng trên địa bàn ${kind} năm ${py}.`,
    ),
  );
  blocks.push(
    body(
      `2. Các bộ phận chuyên môn chịu trách nhiệm tổ chức thực hiện về nghiệp vụ chuyên ngành thuộc lĩnh vực phụ trách; tham mưu, kiến nghị ${self} ` +
        'kịp thời khắc phục các thiếu sót, hạn chế về chuyên môn thuộc lĩnh vực phụ trách.',
    ),
  );

  // II. Mục tiêu
  blocks.push(heading('II. MỤC TIÊU'));
  blocks.push(body(`1. ${goalSentence(plan)}`));
  const surveys = lostItems.filter((i) => i.distance.kind === 'steps' && i.distance.control === 'survey');
  if (surveys.length) {
    const rates = surveys.map((i) => {
      const leaf = flat.leaves.get(i.code)!;
      const it = r.items.find((x) => x.code === i.code)!;
      const read = it.value === undefined ? undefined : readValue(leaf.rule, leaf.max, d, it.value);
      const rate = read?.ok && read.input.kind === 'rate' ? shownRate(leaf.rule, read.input) : undefined;
      return rate === undefined ? i.code : `${pct(rate, d)} ở tiêu chí ${i.code}`;
    });
    blocks.push(
      body(
        `2. Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của ${self} năm ${py} cao hơn năm ${y} (năm ${y}: ${rates.join('; ')}).`,
      ),
    );
  }

  // III. Nhiệm vụ, giải pháp
  blocks.push(heading('III. NHIỆM VỤ, GIẢI PHÁP'));
  blocks.push(heading('1. Chỉ số cải cách hành chính'));
  blocks.push(body(`1.1. Tiếp tục duy trì, phát huy kết quả đạt được trên tất cả các lĩnh vực, tiêu chí của Chỉ số cải cách hành chính qua kết quả năm ${y}, trong đó:`));
  for (const a of plan.areas) {
    const owners = a.owners.length ? a.owners.join(', ') : coordinator;
    blocks.push(dash(`Lĩnh vực ${lowerFirst(a.name)}: ${owners}${a.owners.length > 1 ? ' theo nội dung phụ trách chủ động tham mưu' : ' tham mưu'}.`));
  }
  if (lostItems.length) {
    blocks.push(body(`1.2. Tập trung khắc phục những tồn tại, hạn chế được chỉ ra qua kết quả năm ${y}, cụ thể như sau:`));
    let k = 0;
    for (const a of plan.areas) {
      if (!a.items.length) continue;
      blocks.push(heading(`1.2.${++k}. ${a.name}`));
      a.items.forEach((it, i) => {
        const leaf = flat.leaves.get(it.code)!;
        blocks.push(
          p(
            [
              { text: `(${i + 1}) Tiêu chí ${lowerFirst(it.name)}`, bold: true },
              { text: ` (mã ${it.code}; năm ${y} đạt ${pts(it.points, d)}/${pts(it.max, d)} điểm, mất ${pts(it.lost, d)} điểm):` },
            ],
            { align: 'justify', indent: 10, after: 6, keepNext: true },
          ),
        );
        blocks.push(dash(`Bộ phận tham mưu: ${it.owner ?? coordinator}.`));
        blocks.push(dash(`Bộ phận thực hiện: ${(it.implementers.length ? it.implementers : [it.owner ?? coordinator]).join(', ')}.`));
        const goal = itemGoal(it, leaf.rule, d);
        if (goal) blocks.push(dash(`Mục tiêu: ${goal}.`));
        blocks.push(dash('Nhiệm vụ, giải pháp:'));
        const tasks = it.tasks.length ? it.tasks : [`${it.owner ?? coordinator} rà soát nguyên nhân mất điểm, đề xuất giải pháp khắc phục, báo cáo ${self}.`];
        for (const t of tasks) blocks.push(plus(text(t)));
        if (leaf.evidence) blocks.push(plus(`Lưu trữ đầy đủ, kịp thời tài liệu kiểm chứng: ${lowerFirst(text(leaf.evidence))}.`));
      });
    }
    blocks.push(p([{ text: '(Mục tiêu phấn đấu theo Phụ lục kèm theo)', italic: true }], { align: 'justify', indent: 10, after: 6 }));
  }
  blocks.push(
    body(
      `2. Thời gian hoàn thành: Trước ngày ${deadlineWords(o.deadline)}, các bộ phận liên quan phải hoàn thành các nhiệm vụ, giải pháp cải thiện chỉ số; ` +
        `báo cáo ${self} (qua ${coordinator}) kết quả thực hiện.`,
    ),
  );

  // IV. Tổ chức thực hiện
  blocks.push(heading('IV. TỔ CHỨC THỰC HIỆN'));
  blocks.push(heading(`1. ${coordinator}`));
  blocks.push(dash('Theo dõi, đôn đốc các bộ phận thực hiện các nhiệm vụ, giải pháp để cải thiện các tiêu chí, tiêu chí thành phần Chỉ số cải cách hành chính, Chỉ số hài lòng theo chức năng, nhiệm vụ được phân công.'));
  blocks.push(dash(`Tham mưu cho ${self} tự đánh giá, xác định Chỉ số cải cách hành chính năm ${py} đúng thời hạn, đầy đủ tài liệu kiểm chứng.`));
  blocks.push(dash('Tổng hợp kết quả triển khai các nội dung theo Kế hoạch này do các bộ phận báo cáo theo nhiệm vụ được giao.'));
  blocks.push(heading(`2. Các bộ phận chuyên môn ${self}`));
  blocks.push(
    body(
      'Tham mưu, đề xuất các giải pháp cải thiện, nâng cao các tiêu chí, tiêu chí thành phần về lĩnh vực phụ trách; chịu trách nhiệm báo cáo, giải trình trước ' +
        `${self} đối với các nội dung đề ra trong Kế hoạch nhưng không thực hiện được hoặc thực hiện còn hạn chế. Trong đó:`,
    ),
  );
  const byOwner = new Map<string, string[]>();
  for (const it of lostItems) {
    const o2 = it.owner ?? coordinator;
    byOwner.set(o2, [...(byOwner.get(o2) ?? []), it.code]);
  }
  for (const [owner, codes] of byOwner) blocks.push(dash(`${owner}: chủ trì các nhiệm vụ tại tiêu chí ${codes.join(', ')}.`));
  if (u.level === 'xa') {
    blocks.push(heading(`3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội ${kind}`));
    blocks.push(
      dash(
        'Tổ chức tuyên truyền trong Nhân dân về Luật Thực hiện dân chủ ở cơ sở; tăng cường hiệu quả của các thiết chế bảo đảm trách nhiệm giải trình của chính quyền cơ sở với người dân; ' +
          'lồng ghép với công tác dân vận để người dân cùng phối hợp thực hiện.',
      ),
    );
    blocks.push(dash('Tăng cường hoạt động giám sát, phát huy vai trò giám sát của Nhân dân trong thực thi công vụ của chính quyền và trong giải quyết thủ tục hành chính.'));
  }
  blocks.push(body(`Yêu cầu các bộ phận chuyên môn, các ban ngành ${kind} tổ chức triển khai thực hiện./.`));

  // Nơi nhận and the signature.
  const title = signerTitle(evidence);
  const name = text(evidence.signer).trim();
  const recipients = [
    ...(u.parent ? [`- ${text(u.parent)} (b/c);`] : []),
    ...(u.level === 'xa' ? [`- TT Đảng ủy, TT HĐND ${kind};`, `- CT, PCT ${self};`, `- UBMTTQ Việt Nam và các tổ chức chính trị - xã hội ${kind};`] : []),
    `- Các bộ phận chuyên môn, ban ngành ${kind};`,
    `- Trang Thông tin điện tử ${kind};`,
    '- Lưu: VT.',
  ];
  blocks.push({
    kind: 'table',
    widths: [80, 85],
    borders: false,
    rows: [
      [
        cell([p([{ text: 'Nơi nhận:', bold: true, italic: true }], { size: 12, before: 12 }), ...recipients.map((x) => p(x, { size: 11 }))]),
        cell([
          ...title.map((t, i) => p([{ text: t, bold: true }], { align: 'center', size: 13, ...(i === 0 ? { before: 12 } : {}) })),
          ...(name ? [] : [p([{ text: SIGN_HINT, italic: true }], { align: 'center', size: 13 })]),
          p('', { after: 60 }),
          ...(name ? [p([{ text: name, bold: true }], { align: 'center' })] : []),
        ]),
      ],
    ],
  });

  return docxBytes(
    { title: `Kế hoạch nâng cao Chỉ số cải cách hành chính ${who} năm ${py}`, size: SIZE, margins: { top: 20, bottom: 20, left: 30, right: 15 }, ...(o.provenance ? { provenance: o.provenance } : {}) },
    [
      { blocks, pageNumbers: 'from-second' },
      { landscape: true, blocks: annexBlocks(plan, flat, o), pageNumbers: 'all' },
    ],
  );
}

/** "cải cách thể chế" inside a sentence; an acronym (TTHC, UBND) stays as written. */
const lowerFirst = (s: string) => {
  const [a, b] = [s.charAt(0), s.charAt(1)];
  const word = a !== a.toLowerCase() && b !== '' && b === b.toLowerCase() && b !== b.toUpperCase();
  return word ? a.toLowerCase() + s.slice(1) : s;
};

/** II.1: the target and the index it needs; with the cheapest way, the items to start with. */
function goalSentence(plan: PlanData): string {
  const r = plan.result;
  const d = r.decimals;
  const y = r.catalog.year;
  const py = plan.planYear;
  const w = plan.way;
  if (!w) {
    const lost = sumPoints(plan.areas.flatMap((a) => a.items.map((i) => toNumber(i.lost))));
    return `Khắc phục các tiêu chí, tiêu chí thành phần bị mất điểm năm ${y} (${lost.toFixed(d).replace('.', ',')} điểm); Chỉ số cải cách hành chính năm ${py} cao hơn năm ${y}${plan.standing ? `, giữ vững và nâng cao thứ hạng (năm ${y}: ${plan.standing.rankLabel})` : ''}.`;
  }
  const g = w.goal;
  const size = plan.standing?.groupSize ?? 0;
  let s: string;
  if (g.target.kind === 'rank' && plan.standing) {
    const up = plan.standing.rank - g.target.rank;
    const move = up > 0 ? `, tăng ${String(up).padStart(String(size).length, '0')} bậc so với năm ${y}` : up === 0 ? `, giữ vững thứ hạng năm ${y}` : '';
    s = `Chỉ số cải cách hành chính năm ${py} ${targetWords(g, size, d, 'vi')} trở lên${move}: chỉ số cần đạt từ ${pct(g.index, d)} trở lên (tổng điểm từ ${atLeastText(g.total, d, 'vi')}/${pts(r.applicableMax, d)} điểm)`;
    if (g.reach) s += `, bằng chỉ số năm ${y} của ${g.reach.name} (${pct(g.reach.index, d)})`;
  } else {
    s = `Chỉ số cải cách hành chính năm ${py} đạt ${targetWords(g, size, d, 'vi')}: chỉ số từ ${pct(g.index, d)} trở lên (tổng điểm từ ${atLeastText(g.total, d, 'vi')}/${pts(r.applicableMax, d)} điểm)`;
  }
  if (w.steps.length && w.result) {
    const after = w.result.after;
    s +=
      `. Trước hết tập trung vào ${w.steps.length} tiêu chí thành phần: ${w.steps.map((x) => x.code).join(', ')} (cột "Ưu tiên" của Phụ lục)` +
      `; đạt các mức đó thì chỉ số là ${pct(after.index ?? 0, d)}${w.standing ? `, xếp hạng ${w.standing.rankLabel}` : ''}`;
  }
  return `${s}.`;
}

function annexBlocks(plan: PlanData, flat: FlatCatalog, o: PlanDocumentOptions): Block[] {
  const r = plan.result;
  const d = r.decimals;
  const u = r.unit;
  const deadline = deadlineShort(o.deadline);
  const head = annexHead(plan);
  const rows = annexRows(plan, flat, deadline);
  const small = (t: string, o2: Omit<Para, 'kind' | 'runs'> = {}, run: Omit<Run, 'text'> = {}): Para => p([{ text: t, ...run }], { size: 11, ...o2 });
  const num = (x: number | undefined) => (x === undefined ? '' : x.toFixed(d).replace('.', ','));
  const table: Block = {
    kind: 'table',
    // 252 mm across A4 landscape; the deadline needs 25 mm for a whole dd/mm/yyyy at 11 pt.
    widths: [10, 62, 14, 15, 16, 42, 40, 28, 25],
    borders: true,
    headerRows: 1,
    rows: [
      head.map((h) => cell([small(h, { align: 'center' }, { bold: true })], { valign: 'center', shade: true })),
      ...rows.map((row): Cell[] => {
        if (row.kind === 'area') return [cell([small(row.stt, { align: 'center' }, { bold: true })]), cell([small(row.name, {}, { bold: true })], { span: 8 })];
        const b = row.kind === 'total';
        return [
          cell([small(row.stt, { align: 'center' })]),
          cell([small(row.name, {}, { bold: b })]),
          cell([small(num(row.max), { align: 'right' }, { bold: b })]),
          cell([small(num(row.points), { align: 'right' }, { bold: b })]),
          cell([small(num(row.target), { align: 'right' }, { bold: b })]),
          cell([small(row.value ?? '')]),
          cell([small(row.priority ?? '')]),
          cell([small(row.owner ?? '')]),
          cell([small(row.deadline ?? '', { align: 'center' })]),
        ];
      }),
    ],
  };
  const notes: Para[] = [];
  const w = plan.way;
  if (w?.result) {
    const a = w.result.after;
    notes.push(small(`Nếu đạt các mức ưu tiên: tổng điểm ${pts(a.total, d)}/${pts(a.applicableMax, d)}, chỉ số ${pct(a.index ?? 0, d)}${w.standing ? `, xếp hạng ${w.standing.rankLabel} (các đơn vị khác giữ chỉ số năm ${r.catalog.year})` : ''}.`, { before: 6 }));
  }
  if (plan.allTargets) {
    const a = plan.allTargets;
    notes.push(small(`Nếu đạt điểm mục tiêu của mọi tiêu chí trên: tổng điểm ${pts(a.total, d)}/${pts(r.applicableMax, d)}, chỉ số ${pct(a.index ?? 0, d)}${a.standing ? `, xếp hạng ${a.standing.rankLabel}` : ''}.`));
  }
  if (plan.areas.some((a) => a.items.some((i) => isPositive(i.lost) && i.distance.kind === 'steps' && i.distance.control !== 'unit'))) {
    notes.push(small('Kết quả điều tra xã hội học và điểm do Hội đồng thẩm định chấm không do đơn vị tự quyết định: không tính vào các mức ưu tiên.', {}, { italic: true }));
  }
  return [
    p([{ text: 'Phụ lục', bold: true }], { align: 'center', size: 13 }),
    p([{ text: `MỤC TIÊU PHẤN ĐẤU NĂM ${plan.planYear}`, bold: true }], { align: 'center', size: 13 }),
    p(
      [{ text: `(Kèm theo Kế hoạch số        /KH-UBND ngày ${dateText(o.date, plan.planYear)} của ${text(u.name)})`, italic: true }],
      { align: 'center', size: 13, after: 12 },
    ),
    table,
    ...notes,
  ];
}

