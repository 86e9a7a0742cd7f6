import { z } from 'zod';
import { Level } from './level.js';

/** Point values as written in a catalog: non-negative decimals such as 0.25 or 0.5. */
const Points = z.number().nonnegative().describe('Số điểm (số thập phân không âm, ví dụ 0.25, 0.5, 1)');
/**
 * The points of a losing outcome, which a decision may write below zero: "- Không ban hành: -1 điểm",
 * "bị 0 điểm và bị trừ 0,25 điểm" (-0.25). The item then scores 0 and the part below zero is deducted
 * in the penalty section, traced back to the item.
 */
const LosingPoints = z
  .number()
  .describe('Số điểm; có thể âm như văn bản ghi ("Không ban hành: -1 điểm"; "bị 0 điểm và bị trừ 0,25 điểm" là -0.25): mục được 0 điểm, phần âm bị trừ vào điểm trừ');

export const ItemCode = z
  .string()
  .regex(/^(?:[A-Z]{1,3}\.)?\d{1,3}(?:\.\d{1,3}){0,3}$/, 'item_code')
  .describe('Mã mục: 1 (lĩnh vực), 1.1 (tiêu chí), 1.1.1 (tiêu chí thành phần)');

const WhenNotArisen = z
  .enum(['not_applicable', 'full_marks'])
  .describe(
    'Khi nhiệm vụ không phát sinh trong năm: not_applicable = không đánh giá (bỏ điểm tối đa khỏi mẫu số); full_marks = được tính điểm tối đa',
  );

const Field = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'field_key').describe('Tên trường trong tệp minh chứng, ví dụ dung_han'),
  label: z.string().min(1).describe('Nhãn tiếng Việt, ví dụ "Số hồ sơ giải quyết đúng hạn"'),
});

/** One named input a unit declares for a rule with several (yes/no conditions, documents, counts). */
const NamedInput = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'field_key').describe('Tên trường trong tệp kê khai, ví dụ bo_tri_kinh_phi'),
  label: z.string().min(1).describe('Nhãn tiếng Việt, ví dụ "Có bố trí kinh phí thực hiện"'),
});

/** Sums and differences of named counts: "tong_pakn - khong_hai_long" (parsed by cchc, never evaluated as code). */
const Expression = z
  .string()
  .min(1)
  .describe('Biểu thức cộng, trừ các số đếm trong counts, ví dụ "tong_pakn - khong_hai_long"');

const Measure = {
  measure: z
    .enum(['ratio', 'percent', 'derived'])
    .describe(
      'ratio: kê khai tử số và mẫu số; percent: kê khai tỷ lệ % (0–100); derived: kê khai các số đếm (counts), cchc tính tử số và mẫu số theo biểu thức',
    ),
  numerator: z
    .union([Field, Expression])
    .optional()
    .describe('Tử số: { key, label } khi measure = ratio; biểu thức khi measure = derived, ví dụ "tong_pakn - khong_hai_long"'),
  denominator: z
    .union([Field, Expression])
    .optional()
    .describe('Mẫu số: { key, label } khi measure = ratio; biểu thức khi measure = derived, ví dụ "tong_pakn"'),
  counts: z.array(NamedInput).min(1).optional().describe('Các số đếm đơn vị kê khai (khi measure = derived)'),
};

const common = {
  when_not_arisen: WhenNotArisen,
  description: z.string().optional().describe('Cách tính điểm viết bằng lời (nếu bỏ trống, cchc tự diễn giải từ quy tắc)'),
};

export const YesNoRule = z
  .strictObject({
    kind: z.literal('yes_no'),
    ...common,
    yes: Points.optional().describe('Điểm khi "Có" (mặc định: điểm tối đa)'),
    no: LosingPoints.optional().describe('Điểm khi "Không" (mặc định: 0; số âm: được 0 điểm và bị trừ phần âm vào điểm trừ)'),
  })
  .describe('Có / Không');

export const ChoiceOption = z
  .strictObject({
    value: z.string().regex(/^[a-z0-9_]+$/, 'option_value').describe('Giá trị kê khai, ví dụ xuat_sac'),
    label: z.string().min(1).describe('Nhãn, ví dụ "Hoàn thành xuất sắc nhiệm vụ"'),
    points: LosingPoints.optional().describe('Số điểm (số âm: được 0 điểm và bị trừ phần âm vào điểm trừ)'),
    fraction: z.number().min(0).max(1).optional().describe('Hoặc tỷ lệ của điểm tối đa (0–1), ví dụ 0.75'),
  })
  .describe('Một lựa chọn: có points hoặc fraction');

export const ChoiceRule = z
  .strictObject({
    kind: z.literal('choice'),
    ...common,
    options: z.array(ChoiceOption).min(2).describe('Các mức lựa chọn'),
  })
  .describe('Chọn một mức');

export const TimelinessRule = z
  .strictObject({
    kind: z.literal('timeliness'),
    ...common,
    on_time: Points.optional().describe('Điểm khi đúng hạn (mặc định: điểm tối đa)'),
    late: LosingPoints.describe('Điểm khi chậm (số âm: được 0 điểm và bị trừ phần âm vào điểm trừ)'),
    missing: LosingPoints.optional().describe('Điểm khi không thực hiện (mặc định: 0; "Không ban hành: -1 điểm" là -1)'),
  })
  .describe('Đúng hạn / chậm / không thực hiện');

export const Band = z.strictObject({
  from: z.number().min(0).max(100).describe('Cận dưới (%): mặc định tính cả cận ("từ X% trở lên")'),
  exclusive: z
    .boolean()
    .optional()
    .describe('true: cận dưới không tính ("trên X%"): đúng X% thuộc mức thấp hơn, ví dụ "trên 90%: 2; từ 70% - 90%: 1"'),
  points: Points,
});

export const RateBandsRule = z
  .strictObject({
    kind: z.literal('rate_bands'),
    ...common,
    ...Measure,
    bands: z.array(Band).min(1).describe('Các mức tỷ lệ, từ cao xuống thấp; mức cuối thường from: 0'),
  })
  .describe('Theo mức tỷ lệ');

export const ProRataRule = z
  .strictObject({ kind: z.literal('pro_rata'), ...common, ...Measure })
  .describe('Điểm = tỷ lệ × điểm tối đa');

export const DeductionRule = z
  .strictObject({
    kind: z.literal('deduction'),
    ...common,
    per_item: Points.describe('Số điểm trừ cho mỗi trường hợp'),
    floor: LosingPoints.optional().describe(
      'Điểm thấp nhất (mặc định: 0); âm khi văn bản cho trừ quá số điểm của mục: phần dưới 0 bị trừ vào điểm trừ',
    ),
    item_label: z.string().optional().describe('Tên trường hợp bị trừ, ví dụ "báo cáo chậm hoặc thiếu"'),
  })
  .describe('Trừ điểm theo từng trường hợp');

export const ConditionsRule = z
  .strictObject({
    kind: z.literal('conditions'),
    ...common,
    combine: z
      .enum(['all', 'any'])
      .describe('all: đạt khi đủ mọi điều kiện ("… và …"); any: đạt khi có ít nhất một điều kiện ("… hoặc …")'),
    conditions: z.array(NamedInput).min(2).describe('Các điều kiện Có/Không, đơn vị kê khai từng điều kiện'),
    yes: Points.optional().describe('Điểm khi đạt (mặc định: điểm tối đa)'),
    no: LosingPoints.optional().describe('Điểm khi không đạt (mặc định: 0; số âm: được 0 điểm và bị trừ phần âm vào điểm trừ)'),
  })
  .describe('Nhiều điều kiện Có/Không kết hợp: "Xác định đầy đủ nhiệm vụ và có bố trí kinh phí: 1"');

export const DocumentsRule = z
  .strictObject({
    kind: z.literal('documents'),
    ...common,
    documents: z
      .array(
        NamedInput.extend({
          deadline: z
            .string()
            .regex(/^\d{1,2}\/\d{1,2}\/\d{4}$/, 'date')
            .optional()
            .describe('Hạn gửi, dd/mm/yyyy (ví dụ 15/03/2024): đơn vị kê khai ngày gửi; không có hạn thì kê khai dung_han / cham / khong'),
        }),
      )
      .min(1)
      .describe('Các văn bản, báo cáo phải có, mỗi văn bản một hạn'),
    yes: Points.optional().describe('Điểm khi đủ số lượng và đúng thời gian (mặc định: điểm tối đa)'),
    no: LosingPoints.optional().describe('Điểm khi thiếu hoặc chậm một văn bản (mặc định: 0; số âm: bị trừ phần âm vào điểm trừ)'),
  })
  .describe('Đủ các văn bản, đúng hạn: "đủ số lượng và đúng thời gian quy định: 1"');

export const PerItemRule = z
  .strictObject({
    kind: z.literal('per_item'),
    ...common,
    each: z.number().positive().describe('Số điểm cho mỗi trường hợp đạt yêu cầu, ví dụ 0.5'),
    item_label: z
      .string()
      .optional()
      .describe('Tên trường hợp được tính điểm, ví dụ "nội quy, quy chế được ban hành đảm bảo nội dung"'),
  })
  .describe('Cộng điểm theo từng trường hợp đạt, tổng không vượt điểm tối đa ("mỗi … đạt 0,5 điểm")');

export const SurveyRule = z
  .strictObject({ kind: z.literal('survey'), ...common })
  .describe('Điểm = tỷ lệ hài lòng (%) × điểm tối đa');

export const JudgementRule = z
  .strictObject({ kind: z.literal('judgement'), ...common })
  .describe('Hội đồng thẩm định chấm điểm từ 0 đến điểm tối đa');

export const Rule = z.discriminatedUnion('kind', [
  YesNoRule,
  ChoiceRule,
  TimelinessRule,
  RateBandsRule,
  ProRataRule,
  DeductionRule,
  PerItemRule,
  ConditionsRule,
  DocumentsRule,
  SurveyRule,
  JudgementRule,
]);

const nodeFields = {
  code: ItemCode,
  name: z.string().min(1).describe('Tên lĩnh vực / tiêu chí / tiêu chí thành phần'),
  max: Points.describe('Điểm tối đa'),
  owner: z.string().optional().describe('Bộ phận tham mưu, ví dụ "Văn phòng – thống kê"'),
  evidence: z.string().optional().describe('Tài liệu kiểm chứng cần có'),
  improve: z
    .strictObject({
      implementers: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe('Bộ phận thực hiện, ví dụ ["Văn phòng – thống kê", "Các bộ phận chuyên môn"] (mặc định: bộ phận tham mưu)'),
      tasks: z.array(z.string().min(1)).min(1).describe('Nhiệm vụ, giải pháp để lấy lại điểm, mỗi phần tử một gạch đầu dòng trong kế hoạch'),
    })
    .optional()
    .describe('Hướng dẫn cải thiện (kế hoạch nâng cao Chỉ số CCHC): mục con thừa hưởng của mục cha gần nhất'),
  rule: Rule.optional().describe('Quy tắc chấm (mục lá); mục có children thì không có rule'),
  applies_to: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Chỉ áp dụng cho các loại đơn vị này (mã trong unit_types), ví dụ [phuong]; mục con thừa hưởng. Không ghi: mọi loại'),
  max_by_type: z
    .record(z.string(), Points)
    .optional()
    .describe('Điểm tối đa riêng theo loại đơn vị, ví dụ { phong: 22, phuong: 30 }; loại không ghi dùng max'),
  source: z
    .enum(['assessment', 'survey'])
    .optional()
    .describe(
      'Nguồn điểm: assessment (thẩm định, tự chấm) hoặc survey (điều tra xã hội học). Mặc định: survey với quy tắc kind: survey, ' +
        'còn lại assessment; mục con thừa hưởng của mục cha',
    ),
  when_not_arisen: WhenNotArisen.optional().describe(
    'Chỉ cho mục có children: nhiệm vụ không phát sinh được khai một lần ở mục này và áp dụng cho mọi mục con ' +
      '("Trong năm đánh giá không có nhiệm vụ được giao ban hành VBQPPL được tính 03 điểm" → full_marks); mục con không khai riêng',
  ),
};

export interface CatalogNode extends z.input<z.ZodObject<typeof nodeFields>> {
  children?: CatalogNode[] | undefined;
}

export const Node: z.ZodType<CatalogNode> = z
  .strictObject({
    ...nodeFields,
    get children() {
      return z.array(Node).min(1).optional().describe('Các mục con');
    },
  })
  .describe('Lĩnh vực, tiêu chí hoặc tiêu chí thành phần');

export const Adjustment = z
  .strictObject({
    name: z.string().min(1),
    max: Points.describe('Mức trần của cả phần'),
    items: z.array(Node).min(1),
  })
  .describe('Điểm thưởng hoặc điểm trừ, có mức trần');

/**
 * "Xếp loại Xuất sắc: chỉ số từ 90% trở lên và không có tiêu chí nào dưới 50% số điểm": a condition a band asks
 * besides the index, on every area, every criterion (the areas' children) or named ones.
 */
export const BandCondition = z
  .strictObject({
    each: z.enum(['areas', 'criteria']).optional().describe('areas: mọi lĩnh vực; criteria: mọi tiêu chí (mục con trực tiếp của lĩnh vực)'),
    codes: z.array(z.string().min(1)).min(1).optional().describe('Hoặc các lĩnh vực, tiêu chí được nêu tên, ví dụ ["2", "3.1"]'),
    min_percent: z
      .number()
      .min(0)
      .max(100)
      .describe('Mỗi mục phải đạt ít nhất tỷ lệ này (%) số điểm tối đa áp dụng của nó, ví dụ 50 cho "không dưới 50% số điểm"'),
  })
  .describe('Điều kiện thêm của một mức xếp loại: có each hoặc codes');

export const IndexBand = z.strictObject({
  label: z.string().min(1),
  from: z.number().min(0).max(100),
  requires: z.array(BandCondition).min(1).optional().describe('Điều kiện thêm ngoài chỉ số; không đạt thì xuống mức dưới'),
});

export const Catalog = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'catalog_id').describe('Mã bộ tiêu chí, trùng tên tệp, ví dụ xa-mau-2024'),
    title: z.string().min(1).describe('Tên bộ tiêu chí'),
    level: Level,
    scope: z.string().min(1).describe('Phạm vi áp dụng (tỉnh), hoặc "Mẫu" cho bộ tiêu chí mẫu'),
    template: z.boolean().default(false).describe('true: bộ tiêu chí mẫu, không phải văn bản chính thức của tỉnh'),
    year: z.number().int().min(2000).max(2100).describe('Năm đánh giá'),
    legal_basis: z.array(z.string().min(1)).default([]).describe('Căn cứ: số quyết định, ví dụ "876/QĐ-BNV"'),
    scale: z.number().positive().default(100).describe('Tổng điểm tối đa (thường 100)'),
    scale_note: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Ghi chú khi tổng điểm các lĩnh vực như văn bản in khác thang điểm (ví dụ phụ lục ghi "100 điểm" nhưng cộng được 99,55): giữ nguyên như văn bản, cchc chỉ cảnh báo; chỉ số tính trên tổng thực',
      ),
    decimals: z.number().int().min(0).max(4).default(2).describe('Số chữ số thập phân khi làm tròn (thường 2)'),
    bands: z.array(IndexBand).min(1).describe('Xếp loại theo chỉ số (%), từ cao xuống thấp; cận dưới tính cả cận'),
    areas: z.array(Node).min(1).describe('Các lĩnh vực; một lĩnh vực chấm trực tiếp (không có tiêu chí) thì có rule thay cho children'),
    survey_share: z
      .strictObject({
        max: Points.describe('Tổng điểm tối đa các mục điều tra xã hội học, ví dụ 30 (trên thang 100)'),
        not_run: z
          .literal('rescale')
          .describe('Không tổ chức điều tra: các mục điều tra không đánh giá, chỉ số = điểm thẩm định tự chấm quy về thang 100'),
      })
      .optional()
      .describe(
        'Phần điểm điều tra xã hội học ("Điểm đánh giá qua ĐTXHH (nếu có) là 30/100 … không tổ chức ĐT XHH, kết quả thẩm định điểm tự chấm là kết quả chỉ số, được quy về thang điểm 100"): kết quả có điểm thẩm định và điểm điều tra riêng từng lĩnh vực',
      ),
    unit_types: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'field_key').describe('Mã loại, trùng unit.type của đơn vị, ví dụ phuong, xa, phong'),
          label: z.string().min(1).describe('Tên loại, ví dụ "Phường"'),
          scale: z.number().positive().optional().describe('Thang điểm của loại này (mặc định: scale của bộ tiêu chí)'),
          bands: z.array(IndexBand).min(1).optional().describe('Xếp loại riêng của loại này (mặc định: bands của bộ tiêu chí)'),
        }),
      )
      .min(1)
      .optional()
      .describe(
        'Nhiều loại đơn vị trong một quyết định (Hai Bà Trưng: phòng "9 lĩnh vực, 37 tiêu chí" và phường "5 lĩnh vực, 30 tiêu chí"): mục nào áp dụng cho loại nào do bộ tiêu chí quyết định (applies_to), không do đơn vị khai',
      ),
    rank_across_types: z.boolean().optional().describe('true: cchc batch xếp hạng chung mọi loại; mặc định xếp hạng riêng từng loại'),
    framework: z
      .boolean()
      .optional()
      .describe(
        'true: bộ tiêu chí khung của cấp trên ("UBND cấp huyện xác định điểm tối đa của từng tiêu chí thành phần"): tiêu chí có thể để trống (không rule, không children) cho cấp dưới điền bằng extends',
      ),
    responsible_column: z
      .boolean()
      .optional()
      .describe('true: biểu có cột "Công chức phụ trách (ký, ghi rõ họ tên)" cho từng tiêu chí, như bảng điểm chuẩn tiếp cận pháp luật'),
    bonus: Adjustment.optional().describe('Điểm thưởng (cộng), có trần'),
    penalty: Adjustment.optional().describe('Điểm trừ, có trần'),
  })
  .describe('Bộ tiêu chí Chỉ số cải cách hành chính');

export type Catalog = z.output<typeof Catalog>;

/**
 * A district's catalog inside a city's framework (Hà Nội 2940 cấp xã: "UBND cấp huyện có thể bổ sung tiêu chí thành
 * phần vào các tiêu chí quy định trong khung"): the framework's areas, criteria, maxima, scale and bands stand; the
 * district only fills criteria with sub-criteria that add up to each criterion's max.
 */
export const ChildCatalog = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'catalog_id').describe('Mã bộ tiêu chí của cấp dưới, trùng tên tệp'),
    title: z.string().min(1).describe('Tên bộ tiêu chí'),
    scope: z.string().min(1).describe('Phạm vi áp dụng, ví dụ "Quận Hai Bà Trưng"'),
    template: z.boolean().default(false).describe('true: bộ tiêu chí mẫu, không phải văn bản chính thức'),
    legal_basis: z.array(z.string().min(1)).default([]).describe('Căn cứ: số quyết định của cấp dưới'),
    extends: z.string().min(1).describe('Bộ tiêu chí khung (mã hoặc đường dẫn), ví dụ hn-khung-xa-2024'),
    fill: z
      .record(z.string(), z.array(Node).min(1))
      .describe('Tiêu chí thành phần cấp dưới bổ sung, theo mã tiêu chí của khung: { "1.1": [ … ] }; tổng điểm tối đa phải bằng điểm của tiêu chí'),
  })
  .describe('Bộ tiêu chí cấp dưới điền vào khung của cấp trên');
export type ChildCatalog = z.output<typeof ChildCatalog>;
export type RuleT = z.output<typeof Rule>;
export type IndexBandT = z.output<typeof IndexBand>;
