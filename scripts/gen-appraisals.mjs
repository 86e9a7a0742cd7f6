// Appraisal overlays for the shipped district (examples/van-lang-2024-tham-dinh/), from the table below:
//   node scripts/gen-appraisals.mjs
// Hoàng Việt's overlay (20101) is written by hand and left alone. The same table always gives the same bytes.
// Findings, figures, document numbers and dates are illustrative, not a real council's records.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UNITS = join(ROOT, 'examples/van-lang-2024');
const OUT = join(ROOT, 'examples/van-lang-2024-tham-dinh');

const COUNCIL_1 = { by: 'Tổ thẩm định Chỉ số CCHC huyện Văn Lãng (Phòng Nội vụ)', date: '10/01/2025' };
const COUNCIL_2 = { by: 'Hội đồng thẩm định Chỉ số CCHC huyện Văn Lãng', date: '24/01/2025' };
const EXPLAINED = '17/01/2025';

/**
 * Per commune: round 1 entries (code → entry), and optionally the commune's explanations with the
 * council's decisions in round 2. Ratio values are written whole, as the council's own count.
 */
const TABLE = {
  '20100': {
    '1.3.1': {
      points: 0,
      reason: 'tai_lieu_khong_dung_noi_dung',
      note: 'Kế hoạch số 277/KH-UBND là kế hoạch công tác chung, không có nội dung tự kiểm tra CCHC đối với các bộ phận chuyên môn, Bộ phận Một cửa.',
    },
    '3.2.1': {
      value: { dung_han: 646, tong: 660 },
      reason: 'so_lieu_khong_khop',
      note: 'Hệ thống thông tin giải quyết TTHC của tỉnh ghi nhận 646/660 hồ sơ giải quyết đúng hạn (trích xuất ngày 08/01/2025).',
    },
  },
  '20102': {
    round1: {
      '1.1.1': {
        value: 'cham',
        reason: 'tai_lieu_khong_dung_thoi_gian',
        note: 'Kế hoạch số 358/KH-UBND ngày 27/02/2024 ban hành sau thời hạn 31/01/2024 theo văn bản đôn đốc của UBND huyện.',
      },
      '3.1.1': {
        points: 0,
        reason: 'khong_co_tai_lieu',
        missing: 'Biên bản kiểm tra việc niêm yết công khai TTHC tại Bộ phận Một cửa năm 2024',
      },
    },
    explain: {
      '3.1.1': {
        explanation: 'Hồ sơ kiểm chứng gửi kèm báo cáo tự đánh giá thiếu biên bản kiểm tra niêm yết; xã bổ sung biên bản kiểm tra của Phòng Tư pháp huyện.',
        documents: ['Biên bản số 12/BB-PTP ngày 15/03/2024 của Phòng Tư pháp huyện Văn Lãng về kiểm tra việc niêm yết công khai TTHC tại UBND xã Tân Mỹ'],
      },
    },
    round2: { '3.1.1': { decision: 'chap_nhan', note: 'Biên bản bổ sung xác nhận việc niêm yết đầy đủ, đúng quy định.' } },
  },
  '20103': {
    '1.1.2': { points: 0.75, reason: 'chat_luong_chua_dat', note: 'Kế hoạch chưa xác định kết quả cần đạt đối với nhiệm vụ số hóa hồ sơ, kết quả giải quyết TTHC.' },
    '6.1': {
      value: 'cham',
      reason: 'tai_lieu_khong_dung_thoi_gian',
      note: 'Báo cáo số 40/BC-UBND ngày 17/08/2024: quyết toán ngân sách năm 2023 được công khai sau thời hạn quy định tại Thông tư 343/2016/TT-BTC.',
    },
  },
  '20104': {
    '2.1': {
      value: false,
      reason: 'phat_sinh',
      note: 'Năm 2024 HĐND xã ban hành Nghị quyết số 07/2024/NQ-HĐND (văn bản QPPL) nhưng không lấy ý kiến Nhân dân theo quy định; tiêu chí phải được đánh giá.',
    },
    '3.3.1': { points: 1, reason: 'chat_luong_chua_dat', note: 'Bộ phận Một cửa chưa bố trí máy tính tra cứu, hỗ trợ người dân nộp hồ sơ trực tuyến.' },
  },
  // Bắc La: the council keeps every self-assessed score (an empty round 1).
  '20105': {},
  '20106': {
    '1.3.1': {
      points: 0,
      reason: 'khong_co_tai_lieu',
      note: 'Hồ sơ kiểm chứng không có văn bản đã nêu; Hệ thống QLVB và điều hành không có văn bản này.',
      missing: 'Kế hoạch số 214/KH-UBND ngày 21/01/2024 của UBND xã Gia Miễn về tự kiểm tra CCHC năm 2024',
    },
  },
  '20107': {
    '7.3.2': { points: 0, reason: 'khong_co_tai_lieu', missing: 'Quyết định thành lập Tổ công nghệ số cộng đồng ở các thôn; báo cáo hoạt động của các Tổ' },
    '3.3.1': { points: 1, reason: 'chat_luong_chua_dat', note: 'Công chức Bộ phận Một cửa chưa thực hiện đủ thời gian làm việc theo lịch đã niêm yết.' },
  },
  '20108': {
    '1.3.1': { points: 0, reason: 'khong_co_tai_lieu', missing: 'Kế hoạch tự kiểm tra công tác CCHC năm 2024 của UBND xã' },
  },
  '20109': {
    '3.1.2': {
      points: 0,
      reason: 'tai_lieu_khong_dung_noi_dung',
      note: 'Danh mục TTHC trên Trang thông tin điện tử xã chưa cập nhật theo Quyết định công bố năm 2024; chưa có mã QR tại Bộ phận Một cửa.',
    },
  },
  '20110': {
    '6.3': {
      points: 0,
      reason: 'tai_lieu_khong_dung_noi_dung',
      note: 'Tài liệu kiểm chứng là kế hoạch, không phải quyết định ban hành Quy chế; xã chưa ban hành Quy chế chi tiêu nội bộ năm 2024.',
      missing: 'Quyết định ban hành Quy chế chi tiêu nội bộ và quản lý, sử dụng tài sản công năm 2024',
    },
  },
  '20111': {
    round1: {
      '2.2': {
        value: 'cham',
        reason: 'tai_lieu_khong_dung_thoi_gian',
        note: 'Báo cáo số 128/BC-UBND ngày 02/02/2024 là kết quả rà soát năm 2023; báo cáo rà soát năm 2024 gửi UBND huyện ngày 05/12/2024, sau thời hạn 30/11/2024.',
      },
      '5.6': { points: 0.75, reason: 'chat_luong_chua_dat', note: 'Kiểm tra đột xuất ngày 12/06/2024: 02 công chức không đeo thẻ khi làm việc tại Bộ phận Một cửa.' },
    },
    explain: {
      '2.2': {
        explanation: 'Báo cáo đã gửi qua Hệ thống QLVB và điều hành ngày 28/11/2024, trong thời hạn; bản giấy đề ngày 05/12/2024 là bản gửi lưu.',
        documents: ['Báo cáo số 398/BC-UBND ngày 28/11/2024 của UBND xã Nhạc Kỳ về kết quả rà soát, hệ thống hóa văn bản quy phạm pháp luật năm 2024'],
      },
    },
    round2: { '2.2': { decision: 'chap_nhan', note: 'Hệ thống QLVB và điều hành xác nhận báo cáo đến ngày 28/11/2024.' } },
  },
  '20112': {
    '3.2.1': {
      value: { dung_han: 396, tong: 401 },
      reason: 'so_lieu_khong_khop',
      note: 'Hệ thống thông tin giải quyết TTHC của tỉnh ghi nhận 05 hồ sơ giải quyết quá hạn trong năm 2024.',
    },
  },
  '20113': {
    '4.4': {
      value: 'cham',
      reason: 'tai_lieu_khong_dung_thoi_gian',
      note: 'Báo cáo số 236/BC-UBND ngày 09/02/2024 gửi UBND huyện sau thời hạn 31/01/2024.',
    },
  },
  '20114': {
    '1.7': {
      points: 0,
      reason: 'tai_lieu_khong_dung_noi_dung',
      note: 'Kế hoạch khắc phục chưa nêu các tồn tại, hạn chế theo kết quả Chỉ số CCHC năm 2023 và không có báo cáo kết quả khắc phục.',
    },
  },
  '20120': {
    '3.3.1': { points: 0.5, reason: 'chat_luong_chua_dat', note: 'Diện tích Bộ phận Một cửa sau hợp nhất chưa đáp ứng Nghị định 61/2018/NĐ-CP; chưa có khu vực chờ.' },
    '7.3.2': { points: 0, reason: 'khong_co_tai_lieu', missing: 'Quyết định kiện toàn Tổ công nghệ số cộng đồng ở các thôn sau hợp nhất' },
  },
};

const units = new Map();
mkdirSync(OUT, { recursive: true });
for (const file of readdirSync(UNITS).filter((f) => f.endsWith('.yaml')).sort()) {
  const ev = parse(readFileSync(join(UNITS, file), 'utf8'));
  units.set(ev.unit.code, { file, unit: ev.unit });
}

for (const [code, spec] of Object.entries(TABLE)) {
  const u = units.get(code);
  if (!u) throw new Error(`no unit ${code}`);
  const round1 = spec.round1 ?? spec;
  const rounds = { tham_dinh_1: { ...COUNCIL_1, items: round1 } };
  if (spec.explain) rounds.giai_trinh = { by: u.unit.name, date: EXPLAINED, items: spec.explain };
  if (spec.round2) rounds.tham_dinh_2 = { ...COUNCIL_2, items: spec.round2 };
  const doc = { unit: { code, name: u.unit.name }, catalog: 'xa-mau-2024', year: 2024, rounds };
  const head = [
    '# yaml-language-server: $schema=../../schema/appraisal.schema.json',
    `# Tệp thẩm định MINH HỌA: kết quả thẩm định Chỉ số CCHC năm 2024 của ${u.unit.name} (huyện Văn Lãng, tỉnh Lạng Sơn).`,
    '# Nhận xét, số liệu, số và ngày văn bản là giả định (sinh bởi scripts/gen-appraisals.mjs), không phải hồ sơ thật.',
  ].join('\n');
  const out = join(OUT, u.file);
  if (code === '20101' && existsSync(out)) continue;
  writeFileSync(out, `${head}\n${stringify(doc, { lineWidth: 0 })}`);
}
