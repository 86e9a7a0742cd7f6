import { z } from 'zod';
import { DateText, Document, Value } from './evidence.js';

/**
 * An appraisal overlay: what the district's appraisal council (Hội đồng thẩm định) decided about one
 * unit's self-assessment, round by round. It never edits the unit's own file: it names the unit, the
 * catalog and the year, and per item what the council found. Keys are English like the evidence file;
 * the coded values (reasons, decisions, rounds) are the file format's own vocabulary.
 */

/** The rounds in the order they happen; the final score of an item is its last decided round. */
export const ROUNDS = ['tham_dinh_1', 'giai_trinh', 'tham_dinh_2'] as const;
export type RoundName = (typeof ROUNDS)[number];
/** The rounds that decide points (giải trình is the unit's explanation, not a decision). */
export type DecidingRound = 'tham_dinh_1' | 'tham_dinh_2';

/** Why the council changed an item; the words are in the reporters (and the workbook's drop-down). */
export const REASONS = [
  'khong_co_tai_lieu',
  'tai_lieu_khong_dung_thoi_gian',
  'so_lieu_khong_khop',
  'tai_lieu_khong_dung_noi_dung',
  'chat_luong_chua_dat',
  'khong_phat_sinh',
  'phat_sinh',
  'khac',
] as const;
export type Reason = (typeof REASONS)[number];

export const DECISIONS = ['chap_nhan', 'khong_chap_nhan'] as const;
export type Decision = (typeof DECISIONS)[number];

const Text = z.string().min(1);

const Reason = z
  .enum(REASONS)
  .describe(
    'Lý do: khong_co_tai_lieu (không có tài liệu kiểm chứng), tai_lieu_khong_dung_thoi_gian (tài liệu không đúng thời gian), ' +
      'so_lieu_khong_khop (số liệu không khớp hệ thống), tai_lieu_khong_dung_noi_dung (tài liệu không đúng nội dung yêu cầu), ' +
      'chat_luong_chua_dat (chất lượng chưa đạt yêu cầu), khong_phat_sinh (nhiệm vụ không phát sinh), phat_sinh (nhiệm vụ có phát sinh, phải đánh giá), ' +
      'khac (lý do khác: ghi ở note)',
  );

const Points = z.number().describe('Điểm Hội đồng chấm cho tiêu chí, từ 0 đến điểm tối đa, theo số chữ số thập phân của bộ tiêu chí');

/** What a thẩm định entry may set: one of a corrected value, points awarded, or "the task did not arise". */
const Outcome = {
  value: Value.optional().describe('Số liệu Hội đồng xác định lại (ví dụ { dung_han: 1150, tong: 1200 }); cchc chấm lại theo quy tắc của tiêu chí'),
  points: Points.optional(),
  not_arisen: z.literal(true).optional().describe('true: Hội đồng xác định nhiệm vụ không phát sinh (áp dụng quy tắc "không phát sinh" của tiêu chí)'),
};

export const AppraisalItem = z
  .strictObject({
    ...Outcome,
    reason: Reason,
    note: Text.optional().describe('Ghi chú thẩm định (lời của Hội đồng)'),
    missing: Text.optional().describe('Tài liệu kiểm chứng còn thiếu (khi lý do là khong_co_tai_lieu)'),
  })
  .describe('Kết quả thẩm định một tiêu chí thành phần: value, points hoặc not_arisen, kèm lý do');

export const SecondItem = z
  .strictObject({
    decision: z
      .enum(DECISIONS)
      .optional()
      .describe('Quyết định về giải trình của đơn vị: chap_nhan (chấp nhận: trả lại điểm tự đánh giá, hoặc điểm ghi ở value/points) hoặc khong_chap_nhan (giữ kết quả thẩm định lần 1, ghi lý do)'),
    ...Outcome,
    reason: Reason.optional(),
    note: Text.optional().describe('Ghi chú thẩm định lần 2'),
    missing: Text.optional().describe('Tài liệu kiểm chứng còn thiếu'),
  })
  .describe('Thẩm định lần 2 một tiêu chí: quyết định về giải trình, hoặc kết quả thẩm định mới (value, points, not_arisen kèm lý do)');

export const ExplanationItem = z
  .strictObject({
    explanation: Text.describe('Giải trình của đơn vị'),
    documents: z.array(z.union([Document, Text])).optional().describe('Tài liệu kiểm chứng bổ sung'),
  })
  .describe('Giải trình của đơn vị về một tiêu chí Hội đồng đã thay đổi');

const roundHead = {
  by: Text.describe('Người hoặc cơ quan thực hiện, ví dụ "Hội đồng thẩm định huyện Văn Lãng" hoặc "UBND xã Hoàng Việt"'),
  date: DateText.describe('Ngày thực hiện, dd/mm/yyyy'),
};

export const AppraisalRound = z
  .strictObject({ ...roundHead, items: z.record(z.string(), AppraisalItem).default({}).describe('Theo mã tiêu chí thành phần') })
  .describe('Thẩm định lần 1');
export const SecondRound = z
  .strictObject({ ...roundHead, items: z.record(z.string(), SecondItem).default({}).describe('Theo mã tiêu chí thành phần') })
  .describe('Thẩm định lần 2');
export const ExplanationRound = z
  .strictObject({ ...roundHead, items: z.record(z.string(), ExplanationItem).default({}).describe('Theo mã tiêu chí thành phần') })
  .describe('Giải trình của đơn vị');

export const Appraisal = z
  .strictObject({
    $schema: z.string().optional(),
    unit: z
      .strictObject({
        code: z.string().min(1).describe('Mã đơn vị, như trong tệp kê khai'),
        name: z.string().optional().describe('Tên đơn vị (để đọc)'),
      })
      .describe('Đơn vị được thẩm định'),
    catalog: Text.describe('Mã bộ tiêu chí (ví dụ xa-mau-2024), như tệp kê khai'),
    year: z.number().int().min(2000).max(2100).describe('Năm đánh giá'),
    rounds: z
      .strictObject({
        tham_dinh_1: AppraisalRound.optional(),
        giai_trinh: ExplanationRound.optional(),
        tham_dinh_2: SecondRound.optional(),
      })
      .describe('Các vòng theo thứ tự: tham_dinh_1, giai_trinh, tham_dinh_2'),
  })
  .describe('Kết quả thẩm định Chỉ số CCHC của một đơn vị (tệp riêng, không sửa tệp kê khai của đơn vị)');

export type Appraisal = z.output<typeof Appraisal>;
export type AppraisalItem = z.output<typeof AppraisalItem>;
export type SecondItem = z.output<typeof SecondItem>;
export type ExplanationItem = z.output<typeof ExplanationItem>;
