import type { GroupField } from '../core/batch/report.js';
import type { Lang } from './number.js';

const TYPE_LABEL: Record<string, { vi: string; en: string }> = {
  xa: { vi: 'Xã', en: 'Communes' },
  phuong: { vi: 'Phường', en: 'Wards' },
  thi_tran: { vi: 'Thị trấn', en: 'Towns' },
  dac_khu: { vi: 'Đặc khu', en: 'Special zones' },
  huyen: { vi: 'Huyện', en: 'Districts' },
  quan: { vi: 'Quận', en: 'Urban districts' },
  thi_xa: { vi: 'Thị xã', en: 'District-level towns' },
  thanh_pho: { vi: 'Thành phố', en: 'Cities' },
  so: { vi: 'Sở, ban, ngành', en: 'Departments' },
  tinh: { vi: 'Tỉnh', en: 'Provinces' },
  phong: { vi: 'Phòng chuyên môn', en: 'District offices' },
};
const LEVEL_LABEL: Record<string, { vi: string; en: string }> = {
  xa: { vi: 'Cấp xã', en: 'Commune level' },
  huyen: { vi: 'Cấp huyện', en: 'District level' },
  so: { vi: 'Cấp sở', en: 'Department level' },
  tinh: { vi: 'Cấp tỉnh', en: 'Province level' },
};

/** The heading of a ranking group: "Phường", "Cấp xã", or the field's value itself. */
export function groupLabel(field: GroupField | null, key: string | null, lang: Lang): string {
  if (field === null) return '';
  if (key === null) return lang === 'vi' ? `(không ghi ${field})` : `(no ${field} given)`;
  if (field === 'type') return TYPE_LABEL[key]?.[lang] ?? key;
  if (field === 'level') return LEVEL_LABEL[key]?.[lang] ?? key;
  return key;
}

