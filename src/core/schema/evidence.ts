import { z } from 'zod';
import { Level } from './level.js';

/** dd/mm/yyyy or yyyy-mm-dd; whether the day exists is a cross-check (so it can name the position). */
export const DateText = z
  .string()
  .regex(/^(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2})$/, 'date')
  .describe('Ngày, dạng dd/mm/yyyy (ví dụ 19/01/2023)');

export const Document = z
  .strictObject({
    type: z.string().min(1).describe('Loại văn bản, ví dụ "Kế hoạch", "Quyết định", "Báo cáo"'),
    number: z.string().min(1).describe('Số, ký hiệu, ví dụ "35/KH-UBND"'),
    date: DateText,
    issuer: z.string().min(1).describe('Cơ quan ban hành, ví dụ "UBND xã Hoàng Việt"'),
    subject: z.string().optional().describe('Trích yếu: "về việc …"'),
  })
  .describe('Văn bản kiểm chứng');

const Count = z.number().int().nonnegative();

export const Value = z
  .union([
    z.boolean().describe('Có (true) / Không (false)'),
    z.number().describe('Tỷ lệ %, số trường hợp bị trừ, hoặc điểm do thẩm định chấm'),
    z.string().describe('Lựa chọn, ví dụ dung_han, cham, khong, xuat_sac'),
    z
      .record(z.string(), z.union([Count, z.boolean(), z.string()]))
      .describe(
        'Nhiều số liệu có tên: tử số và mẫu số { dung_han: 1180, tong: 1200 }; các điều kiện Có/Không { bo_tri_kinh_phi: true }; ngày gửi từng báo cáo { bao_cao_quy_1: 10/03/2024 }',
      ),
  ])
  .describe('Số liệu kê khai, theo quy tắc chấm của tiêu chí');

export const ItemEvidence = z
  .strictObject({
    value: Value.optional(),
    not_arisen: z.string().min(1).optional().describe('Không phát sinh trong năm: ghi lý do'),
    documents: z.array(z.union([Document, z.string().min(1)])).optional().describe('Tài liệu kiểm chứng'),
    note: z.string().optional().describe('Giải trình của đơn vị'),
    claimed: z.number().nonnegative().optional().describe('Điểm tự đánh giá (nếu đã tự chấm)'),
    responsible: z
      .string()
      .min(1)
      .optional()
      .describe('Công chức phụ trách tiêu chí (họ tên, chức danh), người ký ở cột "Công chức phụ trách" của biểu'),
  })
  .describe('Kê khai cho một tiêu chí thành phần');

export const Unit = z
  .strictObject({
    code: z.string().min(1).describe('Mã đơn vị, ví dụ mã đơn vị hành chính 20101'),
    name: z.string().min(1).describe('Tên đơn vị, ví dụ "UBND xã Hoàng Việt"'),
    level: Level,
    type: z.enum(['xa', 'phuong', 'thi_tran', 'dac_khu', 'huyen', 'quan', 'thi_xa', 'thanh_pho', 'so', 'tinh', 'phong']).optional(),
    parent: z.string().optional().describe('Cơ quan cấp trên, ví dụ "UBND huyện Văn Lãng"'),
    province: z.string().min(1).describe('Tỉnh, thành phố'),
    place: z.string().optional().describe('Địa danh ghi ở dòng ngày tháng, ví dụ "Hoàng Việt"'),
    predecessors: z.array(z.string().min(1)).optional().describe('Mã các đơn vị cũ đã hợp nhất'),
  })
  .describe('Đơn vị được đánh giá');

export const Report = z
  .strictObject({
    number: z
      .union([z.number().int().positive(), z.string().regex(/^\d+$/, 'digits')])
      .optional()
      .describe('Số của báo cáo, ví dụ 15 (in "Số: 15/BC-UBND"); bỏ trống để văn thư điền tay khi ban hành'),
    symbol: z
      .string()
      .min(1)
      .optional()
      .describe('Ký hiệu của báo cáo, ví dụ "BC-UBND" (mặc định cho UBND các cấp) hoặc "BC-SNV"'),
    annex: z
      .union([z.boolean(), z.string().min(1)])
      .optional()
      .describe('Biểu là phụ lục kèm theo báo cáo: true, hoặc số phụ lục, ví dụ "I" (in "Phụ lục I … (Kèm theo Báo cáo số … ngày …)")'),
  })
  .describe('Báo cáo tự đánh giá mà biểu thuộc về: số, ký hiệu, biểu có là phụ lục không');

const SignerTitle = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1).max(4)])
  .describe(
    'Chức danh người ký, mỗi dòng một phần tử, ví dụ ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]; mặc định "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" cho UBND, "GIÁM ĐỐC" cho sở',
  );

export const Evidence = z
  .strictObject({
    $schema: z.string().optional(),
    unit: Unit,
    catalog: z.string().min(1).describe('Mã bộ tiêu chí (ví dụ xa-mau-2024) hoặc đường dẫn tệp'),
    year: z.number().int().min(2000).max(2100).describe('Năm đánh giá'),
    date: DateText.optional().describe('Ngày lập biểu, in ở dòng "<địa danh>, ngày … tháng … năm …"'),
    signer: z.string().optional().describe('Họ tên người ký biểu, in dưới chữ ký; không có thì in "(Ký, ghi rõ họ tên, đóng dấu)"'),
    signer_title: SignerTitle.optional(),
    report: Report.optional(),
    survey_not_run: z
      .boolean()
      .optional()
      .describe('true: năm nay không tổ chức điều tra xã hội học; chỉ số là điểm thẩm định tự chấm quy về thang 100 (bộ tiêu chí có survey_share)'),
    items: z.record(z.string(), ItemEvidence).default({}).describe('Kê khai theo mã tiêu chí thành phần'),
  })
  .describe('Tệp kê khai, minh chứng của đơn vị');

export type Evidence = z.output<typeof Evidence>;
export type ItemEvidence = z.output<typeof ItemEvidence>;
export type Value = z.output<typeof Value>;
export type Document = z.output<typeof Document>;
export type Unit = z.output<typeof Unit>;
export type Report = z.output<typeof Report>;
