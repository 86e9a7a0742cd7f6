import type { Decision, Reason, RoundName } from '../core/schema/appraisal.js';
import type { Lang } from './number.js';

/**
 * Words for the appraisal overlay's codes. The Vietnamese reason labels are also the appraiser's
 * workbook drop-down (src/workbook/appraisal-layout.ts reads them back to codes).
 */
export const REASON_WORDS: Record<Lang, Record<Reason, string>> = {
  vi: {
    khong_co_tai_lieu: 'Không có tài liệu kiểm chứng',
    tai_lieu_khong_dung_thoi_gian: 'Tài liệu không đúng thời gian',
    so_lieu_khong_khop: 'Số liệu không khớp hệ thống',
    tai_lieu_khong_dung_noi_dung: 'Tài liệu không đúng nội dung yêu cầu',
    chat_luong_chua_dat: 'Chất lượng chưa đạt yêu cầu',
    khong_phat_sinh: 'Nhiệm vụ không phát sinh',
    phat_sinh: 'Nhiệm vụ có phát sinh, phải đánh giá',
    khac: 'Lý do khác',
  },
  en: {
    khong_co_tai_lieu: 'No evidence document',
    tai_lieu_khong_dung_thoi_gian: 'Document outside the period',
    so_lieu_khong_khop: 'Figures do not match the system',
    tai_lieu_khong_dung_noi_dung: 'Document does not show what is required',
    chat_luong_chua_dat: 'Quality below the requirement',
    khong_phat_sinh: 'The task did not arise',
    phat_sinh: 'The task arose and is assessed',
    khac: 'Other reason',
  },
};

export const ROUND_WORDS: Record<Lang, Record<RoundName | 'final', string>> = {
  vi: { tham_dinh_1: 'Thẩm định lần 1', giai_trinh: 'Giải trình', tham_dinh_2: 'Thẩm định lần 2', final: 'vòng cuối đã quyết định của từng đơn vị' },
  en: { tham_dinh_1: 'Appraisal round 1', giai_trinh: 'Explanation', tham_dinh_2: 'Appraisal round 2', final: 'each unit’s last decided round' },
};

export const DECISION_WORDS: Record<Lang, Record<Decision, string>> = {
  vi: { chap_nhan: 'Chấp nhận giải trình', khong_chap_nhan: 'Không chấp nhận giải trình' },
  en: { chap_nhan: 'Explanation accepted', khong_chap_nhan: 'Explanation rejected' },
};

// A code read from a file may be none of the table's keys (or a prototype name such as "constructor"): its own text is shown.
const wordOf = (table: Readonly<Record<string, string>>, key: string) => (Object.hasOwn(table, key) ? table[key] : undefined);
export const reasonWords = (r: string, lang: Lang) => wordOf(REASON_WORDS[lang], r) ?? r;
export const roundWords = (r: string, lang: Lang) => wordOf(ROUND_WORDS[lang], r) ?? r;
