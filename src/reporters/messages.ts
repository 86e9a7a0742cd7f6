import type { Args } from '../core/findings/finding.js';
import type { FindingCode } from '../core/findings/codes.js';

type Text = (a: Args) => string;
interface Message {
  vi: Text;
  en: Text;
}

const m = (vi: Text, en: Text): Message => ({ vi, en });

/** What a file was to a published result (cchc verify), in words. */
const ROLE_VI: Record<string, string> = { unit: 'tệp của đơn vị', appraisal: 'tệp thẩm định', input: 'tệp đầu vào' };
const ROLE_EN: Record<string, string> = { unit: 'unit file', appraisal: 'appraisal file', input: 'input file' };

/** Where a catalog was found (src/io/catalog-store.ts), in words. */
export const SOURCE_VI: Record<string, string> = { cwd: 'thư mục làm việc', env: 'CCHC_CRITERIA', shipped: 'có sẵn' };
export const SOURCE_EN: Record<string, string> = { cwd: 'working folder', env: 'CCHC_CRITERIA', shipped: 'shipped' };
/** Why a catalog reference leads to no usable file (`why` is the reason's code). */
const REFUSED = {
  vi: (a: Args): string =>
    ({
      system: 'tệp nằm trong /dev, /proc hoặc /sys',
      is_directory: 'đây là thư mục, cần một tệp .yaml',
      not_regular: 'không phải tệp thông thường (thiết bị, ống dẫn…)',
      not_yaml: 'chỉ đọc tệp .yaml hoặc .yml',
      broken_link: 'liên kết tượng trưng (symlink) trỏ tới tệp không tồn tại',
      too_large: `tệp quá lớn (${a.size} byte, tối đa ${a.limit} byte)`,
      unreadable: `không đọc được tệp (${a.reason})`,
    })[String(a.why)] ?? String(a.why),
  en: (a: Args): string =>
    ({
      system: 'it lies under /dev, /proc or /sys',
      is_directory: 'it is a folder, a .yaml file is expected',
      not_regular: 'not a regular file (a device, a pipe…)',
      not_yaml: 'only .yaml or .yml files are read',
      broken_link: 'a symbolic link to a file that does not exist',
      too_large: `file too large (${a.size} bytes, limit ${a.limit})`,
      unreadable: `cannot read the file (${a.reason})`,
    })[String(a.why)] ?? String(a.why),
};
// Words for the coded arguments of workbook findings (args carry codes; the words live here).
const NUMBER_VI: Record<string, Text> = {
  count: () => 'số nguyên không âm',
  percent: () => 'tỷ lệ % từ 0 đến 100',
  points: (a: Args) => `điểm từ 0 đến ${a.max}`,
};
const NUMBER_EN: Record<string, Text> = {
  count: () => 'a whole number, not negative',
  percent: () => 'a percentage from 0 to 100',
  points: (a: Args) => `points from 0 to ${a.max}`,
};
const TOO_BIG_VI: Record<string, Text> = {
  entries: (a: Args) => `${a.found} phần trong tệp nén, tối đa ${a.max}`,
  inflated: (a: Args) => `giải nén ra ${a.found} byte, tối đa ${a.max}`,
  declared: (a: Args) => `phần "${a.part}" giải nén ra nhiều hơn ${a.max} byte như tệp ghi`,
  ratio: (a: Args) => `phần "${a.part}" nén ${a.found} lần, tối đa ${a.max}`,
  rows: (a: Args) => `${a.part !== undefined ? `trang "${a.part}"` : 'các trang'} có ${a.found} dòng, tối đa ${a.max}`,
  cells: (a: Args) => `các trang có ${a.found} ô, tối đa ${a.max}`,
  area: (a: Args) => `vùng gộp ô và kiểm tra dữ liệu (đến trang "${a.part}") phủ ${a.found} ô, tối đa ${a.max}`,
  zip64: () => 'tệp nén dạng ZIP64, dành cho tệp trên 4 GB',
};
const TOO_BIG_EN: Record<string, Text> = {
  entries: (a: Args) => `${a.found} parts in the zip, at most ${a.max}`,
  inflated: (a: Args) => `${a.found} bytes once inflated, at most ${a.max}`,
  declared: (a: Args) => `part "${a.part}" inflates to more than the ${a.max} bytes it declares`,
  ratio: (a: Args) => `part "${a.part}" is compressed ${a.found} times, at most ${a.max}`,
  rows: (a: Args) => `${a.part !== undefined ? `sheet "${a.part}"` : 'the sheets'} ha${a.part !== undefined ? 's' : 've'} ${a.found} rows, at most ${a.max}`,
  cells: (a: Args) => `the sheets have ${a.found} cells, at most ${a.max}`,
  area: (a: Args) => `merged and validated ranges (up to sheet "${a.part}") cover ${a.found} cells, at most ${a.max}`,
  zip64: () => 'a ZIP64 archive, meant for files above 4 GB',
};
const CATALOG_REF_VI: Record<string, string> = {
  directory: 'đó là thư mục',
  not_regular: 'đó không phải tệp thông thường (thiết bị, ống dẫn…)',
  system: 'đó là tệp hệ thống (/proc, /sys, /dev), không phải bộ tiêu chí',
  invalid: 'tệp bộ tiêu chí đó có lỗi (xem các lỗi của tệp đó)',
};
const CATALOG_REF_EN: Record<string, string> = {
  directory: 'that is a directory',
  not_regular: 'that is not a regular file (a device, a pipe…)',
  system: 'that is a system file (/proc, /sys, /dev), not a catalog',
  invalid: 'that catalog file has errors (see its own findings)',
};

/** What a rule expects as its value (evidence.value_type's `expected`). */
const VALUE = {
  vi: (a: Args): string =>
    ({
      percent: 'tỷ lệ % (số từ 0 đến 100)',
      ratio: `{ ${a.numerator}: số, ${a.denominator}: số }`,
      bool: 'true (Có) hoặc false (Không)',
      choice: `một lựa chọn: ${a.allowed}`,
      timeliness: `một trong: ${a.allowed}`,
      conditions: `bảng Có/Không cho từng điều kiện: { ${String(a.keys).split(', ').map((k) => `${k}: true`).join(', ')} }`,
      documents: `bảng kê khai từng văn bản: { ${String(a.keys).split(', ').map((k) => `${k}: …`).join(', ')} }`,
      sent_date: 'ngày gửi dạng dd/mm/yyyy (ví dụ 10/03/2024), hoặc khong nếu không gửi',
      counts: `bảng các số đếm: { ${String(a.keys).split(', ').map((k) => `${k}: số`).join(', ')} }`,
    })[String(a.expected)] ?? String(a.expected),
  en: (a: Args): string =>
    ({
      percent: 'a percentage (a number from 0 to 100)',
      ratio: `{ ${a.numerator}: number, ${a.denominator}: number }`,
      bool: 'true (Yes) or false (No)',
      choice: `one of the options: ${a.allowed}`,
      timeliness: `one of: ${a.allowed}`,
      conditions: `a yes/no mapping, one per condition: { ${String(a.keys).split(', ').map((k) => `${k}: true`).join(', ')} }`,
      documents: `a mapping, one entry per document: { ${String(a.keys).split(', ').map((k) => `${k}: …`).join(', ')} }`,
      sent_date: 'the date it was sent as dd/mm/yyyy (e.g. 10/03/2024), or khong if it was not sent',
      counts: `a mapping of counts: { ${String(a.keys).split(', ').map((k) => `${k}: number`).join(', ')} }`,
    })[String(a.expected)] ?? String(a.expected),
};
/** What a --set value should look like for its rule (whatif.value_format's `expected`). */
const SET_VALUE = {
  vi: (a: Args): string =>
    ({
      ratio: `số đạt/tổng số, ví dụ 1200/1200 (${a.numerator}/${a.denominator})`,
      percent: 'tỷ lệ %, ví dụ 95 hoặc 95,5',
      count: 'số trường hợp, số nguyên không âm, ví dụ 2',
      points: 'số điểm, ví dụ 0,75',
      text: 'một giá trị kê khai của quy tắc (mã lựa chọn, dung_han, có/không…)',
    })[String(a.expected)] ?? String(a.expected),
  en: (a: Args): string =>
    ({
      ratio: `achieved/total, e.g. 1200/1200 (${a.numerator}/${a.denominator})`,
      percent: 'a percentage, e.g. 95 or 95.5',
      count: 'a number of cases, a whole number, e.g. 2',
      points: 'points, e.g. 0.75',
      text: 'a value of the rule (an option code, dung_han, yes/no…)',
    })[String(a.expected)] ?? String(a.expected),
};
/** What the yaml library's error codes mean, for someone typing evidence by hand. */
const YAML_PROBLEMS: Partial<Record<string, string>> = {
  UNCLOSED_FLOW: 'ngoặc [ hoặc { mở mà chưa đóng bằng ] hoặc }',
  BAD_INDENT: 'thụt lề không đúng (các khóa cùng cấp phải thẳng cột)',
  TAB_AS_INDENT: 'thụt lề bằng phím Tab: YAML chỉ nhận dấu cách',
  MISSING_CHAR: 'thiếu ký tự đóng (ngoặc ], } hoặc dấu nháy)',
  BLOCK_AS_IMPLICIT_KEY: 'khóa viết trên nhiều dòng, hoặc thiếu dấu hai chấm sau khóa',
  MULTILINE_IMPLICIT_KEY: 'khóa viết trên nhiều dòng, hoặc thiếu dấu hai chấm sau khóa',
  BAD_SCALAR_START: 'giá trị bắt đầu bằng ký tự đặc biệt (@, `, %…): hãy đặt trong ngoặc kép',
  BAD_DQ_ESCAPE: 'ký tự thoát \\ không hợp lệ trong chuỗi ngoặc kép',
  UNEXPECTED_TOKEN: 'ký tự không đúng chỗ (thường do thiếu dấu cách sau dấu hai chấm hoặc gạch đầu dòng)',
  MULTIPLE_DOCS: 'tệp chứa nhiều tài liệu YAML (---): mỗi tệp chỉ một',
  BLOCK_IN_FLOW: 'khối nhiều dòng nằm trong ngoặc { } hoặc [ ]',
  KEY_OVER_1024_CHARS: 'khóa dài quá 1024 ký tự',
  BAD_ALIAS: 'bí danh (alias) YAML không hợp lệ',
  ALIAS_PROPS: 'bí danh (alias) YAML không hợp lệ',
  MULTIPLE_ANCHORS: 'neo (anchor) YAML không hợp lệ',
  BAD_DIRECTIVE: 'chỉ thị YAML (%) không hợp lệ',
  RESOURCE_EXHAUSTION: 'các ngoặc hoặc mục lồng nhau quá sâu',
};

/** Kinds of value (schema.invalid_type's `expected` and `received`, "number|string" for a choice of kinds). */
const KIND: Record<'vi' | 'en', Record<string, string>> = {
  vi: { number: 'số', integer: 'số nguyên', int: 'số nguyên', string: 'chuỗi ký tự', boolean: 'true/false', object: 'bảng "khóa: giá trị"', record: 'bảng "khóa: giá trị"', array: 'danh sách', null: 'null', undefined: 'không có giá trị' },
  en: { number: 'a number', integer: 'a whole number', int: 'a whole number', string: 'text', boolean: 'true/false', object: 'a "key: value" mapping', record: 'a "key: value" mapping', array: 'a list', null: 'null', undefined: 'nothing' },
};
const kinds = (codes: unknown, lang: 'vi' | 'en') =>
  String(codes)
    .split('|')
    .map((k) => KIND[lang][k] ?? k)
    .join(lang === 'vi' ? ' hoặc ' : ' or ');
/** Formats a schema names by code (src/core/schema). */
const FORMAT: Record<'vi' | 'en', Record<string, string>> = {
  vi: {
    item_code: 'mã dạng 1, 1.1, 1.1.1 (điểm thưởng/trừ: T.1, D.1)',
    field_key: 'tên trường chữ thường không dấu, ví dụ dung_han',
    option_value: 'giá trị chữ thường không dấu, ví dụ xuat_sac',
    catalog_id: 'mã chữ thường, số và dấu gạch ngang, ví dụ xa-mau-2024',
    date: 'ngày dạng dd/mm/yyyy',
    digits: 'số bằng chữ số',
    pattern: 'đúng mẫu quy định',
  },
  en: {
    item_code: 'a code like 1, 1.1, 1.1.1 (bonus/penalty: T.1, D.1)',
    field_key: 'a lower-case field name, e.g. dung_han',
    option_value: 'a lower-case value, e.g. xuat_sac',
    catalog_id: 'lower-case letters, digits and hyphens, e.g. xa-mau-2024',
    date: 'a date as dd/mm/yyyy',
    digits: 'digits',
    pattern: 'the required pattern',
  },
};

/** The words of every finding code (src/core/findings/codes.ts), in Vietnamese and English. */
export const MESSAGES = {
  // Reading files
  'file.not_found': m(() => 'không tìm thấy tệp', () => 'file not found'),
  'file.is_directory': m(() => 'đây là thư mục, cần một tệp', () => 'is a directory, expected a file'),
  'file.not_regular': m(
    () => 'không phải tệp thông thường (thiết bị, ống dẫn…), cần một tệp',
    () => 'not a regular file (a device, a pipe…), expected a file',
  ),
  'file.too_large': m(
    (a) => `tệp quá lớn (${a.size} byte, tối đa ${a.limit} byte)`,
    (a) => `file too large (${a.size} bytes, limit ${a.limit})`,
  ),
  'file.empty': m(() => 'tệp rỗng', () => 'file is empty'),
  'file.not_json': m(
    () => 'không phải JSON hợp lệ (kết quả JSON của "cchc batch --json")',
    () => 'not valid JSON (a "cchc batch --json" result)',
  ),
  'file.unreadable': m((a) => `không đọc được tệp: ${a.reason}`, (a) => `cannot read file: ${a.reason}`),
  'file.not_utf8': m(
    () => 'tệp không phải mã UTF-8 — hãy lưu lại với mã hóa UTF-8',
    () => 'the file is not UTF-8 text — save it again with the UTF-8 encoding',
  ),
  'file.broken_link': m(
    () => 'liên kết tượng trưng (symlink) trỏ tới tệp không tồn tại',
    () => 'a symbolic link to a file that does not exist',
  ),
  'file.not_catalog': m((a) =>
      `${a.file} là ${a.what === 'workbook' ? 'biểu Excel' : a.what === 'appraisal' ? 'tệp thẩm định' : 'tệp kê khai của đơn vị'}, không phải bộ tiêu chí: ` +
      'cần mã bộ tiêu chí (ví dụ xa-mau-2024) hoặc tệp .yaml của bộ tiêu chí',
    (a) =>
      `${a.file} is ${a.what === 'workbook' ? 'a workbook' : a.what === 'appraisal' ? 'an appraisal file' : 'a unit’s evidence file'}, not a catalog: ` +
      'give a catalog id (e.g. xa-mau-2024) or a catalog .yaml file',
  ),
  'file.not_evidence': m(
    (a) =>
      a.what === 'appraisal'
        ? 'đây là tệp thẩm định (có "rounds"), không phải tệp kê khai của đơn vị: dùng với cchc score --appraisal hoặc cchc batch --appraisals'
        : 'đây là bộ tiêu chí, không phải tệp kê khai của đơn vị',
    (a) =>
      a.what === 'appraisal'
        ? 'this is an appraisal file (it has "rounds"), not a unit’s evidence file: use it with cchc score --appraisal or cchc batch --appraisals'
        : 'this is a catalog, not a unit’s evidence file',
  ),
  'file.not_appraisal': m(
    (a) => `đây là ${a.what === 'catalog' ? 'bộ tiêu chí' : 'tệp kê khai của đơn vị'}, không phải tệp thẩm định (cần "unit", "catalog", "year", "rounds")`,
    (a) => `this is ${a.what === 'catalog' ? 'a catalog' : 'a unit’s evidence file'}, not an appraisal file (expected "unit", "catalog", "year", "rounds")`,
  ),
  'file.unknown_kind': m(
    () => 'không nhận ra loại tệp: cần bộ tiêu chí (có "areas"), tệp kê khai (có "unit") hoặc tệp thẩm định (có "rounds")',
    () => 'unknown file kind: expected a catalog (with "areas"), an evidence file (with "unit") or an appraisal file (with "rounds")',
  ),
  // YAML
  // `problem` is cchc's Vietnamese reading of the yaml library's error code; `detail` its English text.
  'yaml.syntax': m(
    (a) => `lỗi cú pháp YAML: ${YAML_PROBLEMS[String(a.problem)] ?? 'cấu trúc YAML không hợp lệ'}`,
    (a) => `YAML syntax error: ${a.detail}`,
  ),
  'yaml.duplicate_key': m((a) => `khóa "${a.key}" bị lặp`, (a) => `duplicate key "${a.key}"`),
  'yaml.alias_limit': m(
    () => 'quá nhiều bí danh (alias) YAML, tệp có thể là tệp độc hại',
    () => 'too many YAML alias expansions (possible alias bomb)',
  ),
  'yaml.too_many_nodes': m((a) =>
      `tệp có quá nhiều phần tử YAML (quá ${a.limit} dấu xuống dòng, dấu phẩy, dấu hai chấm, ngoặc…; ` +
      'bộ tiêu chí hay tệp kê khai thật chỉ có vài nghìn): dừng đọc tại đây',
    (a) =>
      `too many YAML nodes (over ${a.limit} line breaks, commas, colons, brackets…; ` +
      'a real catalog or evidence file has a few thousand): reading stopped here',
  ),
  'yaml.alias_cycle': m(
    (a) => `bí danh *${a.anchor} nằm bên trong chính neo &${a.anchor} của nó (vòng lặp vô tận)`,
    (a) => `alias *${a.anchor} sits inside its own anchor &${a.anchor} (an endless loop)`,
  ),
  'yaml.alias_unknown': m(
    (a) => `bí danh *${a.anchor} chưa có neo &${a.anchor} nào đặt trước nó`,
    (a) => `alias *${a.anchor} has no anchor &${a.anchor} set before it`,
  ),
  'yaml.not_mapping': m(() => 'cần một bảng khóa: giá trị', () => 'expected a mapping at the top level'),
  // Schema
  'schema.invalid_type': m(
    (a) => `cần ${kinds(a.expected, 'vi')}, nhận được ${kinds(a.received, 'vi')}${a.value !== undefined ? ` ${a.value}` : ''}`,
    (a) => `expected ${kinds(a.expected, 'en')}, received ${kinds(a.received, 'en')}${a.value !== undefined ? ` ${a.value}` : ''}`,
  ),
  'schema.missing_key': m((a) => `thiếu trường bắt buộc "${a.key}"`, (a) => `missing required field "${a.key}"`),
  'schema.unknown_key': m((a) => `trường không hợp lệ "${a.key}"`, (a) => `unknown field "${a.key}"`),
  'schema.invalid_value': m(
    (a) => `giá trị không hợp lệ, cần một trong: ${a.allowed}`,
    (a) => `invalid value, expected one of: ${a.allowed}`,
  ),
  'schema.too_small': m((a) => `giá trị quá nhỏ (tối thiểu ${a.minimum})`, (a) => `too small (minimum ${a.minimum})`),
  'schema.too_big': m((a) => `giá trị quá lớn (tối đa ${a.maximum})`, (a) => `too big (maximum ${a.maximum})`),
  'schema.invalid_format': m(
    (a) => `sai định dạng, cần ${FORMAT.vi[String(a.format)] ?? a.format}`,
    (a) => `invalid format, expected ${FORMAT.en[String(a.format)] ?? a.format}`,
  ),
  'schema.invalid': m((a) => `giá trị không hợp lệ (${a.detail})`, (a) => `invalid value (${a.detail})`),
  // Catalog cross-checks
  'catalog.duplicate_code': m((a) => `mã ${a.code} bị trùng`, (a) => `duplicate code ${a.code}`),
  'catalog.code_not_under_parent': m(
    (a) => `mã ${a.code} phải bắt đầu bằng mã mục cha "${a.parent}."`,
    (a) => `code ${a.code} must start with its parent's code "${a.parent}."`,
  ),
  'catalog.children_sum': m(
    (a) => `tổng điểm tối đa các mục con là ${a.sum}, khác điểm tối đa ${a.max} của mục cha`,
    (a) => `children's max add up to ${a.sum}, not the parent's max ${a.max}`,
  ),
  'catalog.scale_sum': m(
    (a) => `tổng điểm tối đa các lĩnh vực là ${a.sum}, khác thang điểm ${a.scale}`,
    (a) => `areas' max add up to ${a.sum}, not the scale ${a.scale}`,
  ),
  'catalog.scale_as_printed': m(
    (a) => `tổng điểm tối đa các lĩnh vực là ${a.sum}, khác thang điểm ${a.scale}: giữ như văn bản in (scale_note); chỉ số tính trên tổng ${a.sum}`,
    (a) => `areas' max add up to ${a.sum}, not the scale ${a.scale}: kept as printed (scale_note); the index is computed on ${a.sum}`,
  ),
  'catalog.band_condition_target': m(
    () => 'điều kiện xếp loại phải có đúng một trong each (areas hoặc criteria) và codes',
    () => 'a band condition needs exactly one of each (areas or criteria) and codes',
  ),
  'catalog.band_condition_unknown': m(
    (a) => `điều kiện xếp loại nêu mã ${a.code}, không có lĩnh vực hay tiêu chí nào mang mã này`,
    (a) => `a band condition names ${a.code}, which is no area or criterion of the catalog`,
  ),
  'catalog.survey_share_sum': m(
    (a) => `tổng điểm tối đa các mục điều tra xã hội học là ${a.sum}, khác phần điều tra ${a.max} (survey_share.max)`,
    (a) => `the survey items' max add up to ${a.sum}, not the survey share ${a.max} (survey_share.max)`,
  ),
  'catalog.applies_to_unknown': m(
    (a) => `loại đơn vị ${a.type} không có trong unit_types của bộ tiêu chí (có: ${a.known})`,
    (a) => `unit type ${a.type} is not in the catalog's unit_types (known: ${a.known})`,
  ),
  'catalog.children_sum_type': m(
    (a) => `với loại ${a.type}: tổng điểm tối đa các mục con là ${a.sum}, khác điểm tối đa ${a.max} của mục cha`,
    (a) => `for type ${a.type}: children's max add up to ${a.sum}, not the parent's max ${a.max}`,
  ),
  'catalog.type_scale_sum': m(
    (a) => `với loại ${a.type}: tổng điểm tối đa các lĩnh vực là ${a.sum}, khác thang điểm ${a.scale}`,
    (a) => `for type ${a.type}: areas' max add up to ${a.sum}, not the scale ${a.scale}`,
  ),
  'catalog.extends_broken': m(
    (a) => `bộ tiêu chí khung ${a.framework} không đọc được (xem lỗi của tệp khung)`,
    (a) => `the framework ${a.framework} cannot be read (see the framework file's errors)`,
  ),
  'catalog.extends_chain': m(
    (a) => `${a.framework} tự nó cũng mở rộng một khung khác: chỉ mở rộng trực tiếp một bộ tiêu chí khung`,
    (a) => `${a.framework} itself extends another framework: extend a framework directly`,
  ),
  'catalog.fill_unknown': m(
    (a) => `khung không có lĩnh vực, tiêu chí nào mã ${a.code} để bổ sung tiêu chí thành phần`,
    (a) => `the framework has no area or criterion ${a.code} to fill`,
  ),
  'catalog.fill_sum': m(
    (a) => `tiêu chí ${a.code}: tổng điểm tối đa các tiêu chí thành phần là ${a.sum}, khác điểm tối đa ${a.max} của khung`,
    (a) => `criterion ${a.code}: its sub-criteria's max add up to ${a.sum}, not the framework's max ${a.max}`,
  ),
  'catalog.fill_open': m(
    (a) => `tiêu chí ${a.code} của khung chưa có tiêu chí thành phần: bổ sung trong fill`,
    (a) => `the framework's criterion ${a.code} has no sub-criteria yet: fill it`,
  ),
  'catalog.framework_open': m(
    (a) => `bộ tiêu chí ${a.id} là khung, còn tiêu chí chưa có cách chấm (${a.codes}): chấm theo bộ tiêu chí của cấp dưới (extends)`,
    (a) => `catalog ${a.id} is a framework with criteria not yet scored (${a.codes}): score with the lower level's catalog (extends)`,
  ),
  'catalog.rule_and_children': m(
    () => 'một mục không thể vừa có quy tắc chấm (rule) vừa có mục con (children)',
    () => 'an item cannot have both a rule and children',
  ),
  'catalog.no_rule': m(
    () => 'mục không có mục con thì cần quy tắc chấm (rule)',
    () => 'an item without children needs a rule',
  ),
  'catalog.not_arisen_on_leaf': m(
    () => 'when_not_arisen ở mục là dành cho mục có mục con; mục lá ghi when_not_arisen trong quy tắc chấm (rule)',
    () => 'when_not_arisen on an item is for items with children; a leaf says it in its rule',
  ),
  'catalog.not_arisen_nested': m(
    (a) => `mục cha ${a.parent} đã quyết định "không phát sinh" cho cả nhánh: mục con không ghi when_not_arisen riêng`,
    (a) => `the parent ${a.parent} already decides "did not arise" for its whole subtree: a sub-item cannot set its own`,
  ),
  'catalog.too_many_decimals': m(
    (a) => `số điểm ${a.value} có quá 4 chữ số thập phân`,
    (a) => `point value ${a.value} has more than 4 decimals`,
  ),
  'catalog.rule_exceeds_max': m(
    (a) => `quy tắc cho ${a.points} điểm, vượt điểm tối đa ${a.max}`,
    (a) => `the rule can give ${a.points} points, above the max ${a.max}`,
  ),
  'catalog.rule_exceeds_type_max': m(
    (a) => `với loại ${a.type}: quy tắc cho ${a.points} điểm, vượt điểm tối đa ${a.max} của loại này (max_by_type)`,
    (a) => `for type ${a.type}: the rule can give ${a.points} points, above the type's max ${a.max} (max_by_type)`,
  ),
  'catalog.floor_exceeds_max': m(
    (a) => `điểm sàn ${a.floor} vượt điểm tối đa ${a.max}`,
    (a) => `floor ${a.floor} is above the max ${a.max}`,
  ),
  'catalog.negative_outside_areas': m(
    (a) => `quy tắc có thể cho ${a.points} điểm: chỉ tiêu chí trong các lĩnh vực mới được ghi điểm âm (bị trừ vào điểm trừ); mục điểm thưởng, điểm trừ thì không`,
    (a) => `the rule can give ${a.points} points: only items of the areas may go below zero (deducted in the penalty section), not bonus or penalty items`,
  ),
  'catalog.choice_points': m(
    () => 'mỗi lựa chọn cần đúng một trong hai: points hoặc fraction',
    () => 'each option needs exactly one of points or fraction',
  ),
  'catalog.duplicate_choice': m((a) => `lựa chọn "${a.value}" bị trùng`, (a) => `duplicate option "${a.value}"`),
  'catalog.measure_fields': m(
    () =>
      'measure: ratio cần numerator và denominator dạng { key, label } (khóa khác nhau); measure: derived cần counts và hai ' +
      'biểu thức numerator, denominator; measure: percent thì không có các trường đó',
    () =>
      'measure: ratio needs numerator and denominator as { key, label } with different keys; measure: derived needs counts ' +
      'and numerator and denominator expressions; percent takes none of them',
  ),
  'catalog.duplicate_input': m(
    (a) => `tên số liệu "${a.key}" bị trùng`,
    (a) => `duplicate input name "${a.key}"`,
  ),
  'catalog.date_invalid': m(
    (a) => `ngày ${a.date} không tồn tại`,
    (a) => `date ${a.date} does not exist`,
  ),
  'catalog.expression_syntax': m(
    (a) => `biểu thức "${a.expression}" sai ở ký tự thứ ${a.position}: chỉ viết tên số đếm, số nguyên, dấu + và −`,
    (a) => `expression "${a.expression}" is wrong at character ${a.position}: only count names, whole numbers, + and − are allowed`,
  ),
  'catalog.expression_unknown_input': m(
    (a) => `biểu thức dùng "${a.name}", không có trong counts (có: ${a.keys})`,
    (a) => `the expression uses "${a.name}", which is not in counts (known: ${a.keys})`,
  ),
  'catalog.expression_zero': m(
    (a) => `mẫu số "${a.expression}" không bao giờ lớn hơn 0: phép chia cho 0`,
    (a) => `the denominator "${a.expression}" can never be above 0: a division by zero`,
  ),
  'catalog.bands_order': m(
    () => 'các mức phải xếp theo cận dưới giảm dần, không trùng nhau',
    () => 'bands must be listed by strictly decreasing lower bound',
  ),
  'catalog.rate_bands_points': m(
    () => 'mức tỷ lệ cao hơn không được cho ít điểm hơn mức thấp hơn',
    () => 'a higher rate band cannot give fewer points than a lower one',
  ),
  'catalog.band_unreachable': m(
    (a) => `mức "trên ${a.from}%" (exclusive: true) không bao giờ đạt được: tỷ lệ không vượt quá 100%`,
    (a) => `the band "above ${a.from}%" (exclusive: true) can never be reached: a rate is at most 100%`,
  ),
  'catalog.not_found': m(
    (a) => `không tìm thấy bộ tiêu chí "${a.id}" (có: ${a.known})`,
    (a) => `catalog "${a.id}" not found (known: ${a.known})`,
  ),
  'catalog.shadowed': m(
    (a) => `bộ tiêu chí "${a.id}" này không được dùng: mã đó đã có ở ${a.used} (${SOURCE_VI[String(a.source)] ?? a.source}), tìm thấy trước`,
    (a) => `catalog "${a.id}" here is not used: ${a.used} (${SOURCE_EN[String(a.source)] ?? a.source}) has the same id and is found first`,
  ),
  'catalog.dir_not_found': m(
    () => 'thư mục bộ tiêu chí trong biến môi trường CCHC_CRITERIA không tồn tại',
    () => 'this catalog folder of the CCHC_CRITERIA environment variable does not exist',
  ),
  'catalog.file_not_found': m(
    (a) => `không tìm thấy tệp bộ tiêu chí ${a.file}`,
    (a) => `catalog file ${a.file} not found`,
  ),
  'catalog.file_refused': m(
    (a) => `không dùng tệp ${a.file} làm bộ tiêu chí: ${REFUSED.vi(a)}`,
    (a) => `${a.file} is not used as a catalog: ${REFUSED.en(a)}`,
  ),
  'catalog.id_mismatch': m(
    (a) => `mã bộ tiêu chí "${a.id}" khác tên tệp "${a.file}"`,
    (a) => `catalog id "${a.id}" differs from its file name "${a.file}"`,
  ),
  // Evidence cross-checks
  'evidence.catalog_mismatch': m(
    (a) => `tệp kê khai dùng bộ tiêu chí "${a.declared}", đang chấm theo "${a.used}"`,
    (a) => `the evidence names catalog "${a.declared}" but is scored against "${a.used}"`,
  ),
  'evidence.year_mismatch': m(
    (a) => `năm đánh giá ${a.unit} khác năm của bộ tiêu chí (${a.catalog})`,
    (a) => `year ${a.unit} differs from the catalog's year ${a.catalog}`,
  ),
  'evidence.level_mismatch': m(
    (a) => `đơn vị cấp "${a.unit}" không dùng bộ tiêu chí cấp "${a.catalog}"`,
    (a) => `a "${a.unit}"-level unit cannot use a "${a.catalog}"-level catalog`,
  ),
  'evidence.code_unquoted': m(
    (a) => `mã đơn vị ${a.code} không đặt trong ngoặc kép nên YAML đọc thành số: hãy viết "${a.code}"`,
    (a) => `unit code ${a.code} is not quoted, so YAML reads it as a number: write "${a.code}"`,
  ),
  'evidence.unknown_code': m(
    (a) => `mã ${a.code} không có trong bộ tiêu chí`,
    (a) => `code ${a.code} is not in the catalog`,
  ),
  'evidence.not_leaf': m(
    (a) => `mã ${a.code} là lĩnh vực/tiêu chí có mục con; kê khai theo từng tiêu chí thành phần`,
    (a) => `code ${a.code} has sub-items; declare each sub-criterion instead`,
  ),
  'evidence.value_and_not_arisen': m(
    () => 'không thể vừa kê khai số liệu (value) vừa ghi không phát sinh (not_arisen)',
    () => 'give either value or not_arisen, not both',
  ),
  'evidence.parent_value': m(
    (a) => `mục ${a.code} có mục con: ở mục này chỉ khai not_arisen (không phát sinh), tài liệu kiểm chứng, giải trình; số liệu khai ở từng tiêu chí thành phần`,
    (a) => `item ${a.code} has sub-items: here only not_arisen, documents and a note are declared; values go on each sub-criterion`,
  ),
  'evidence.not_arisen_at_parent': m(
    (a) => `"không phát sinh" của nhánh này khai một lần ở mục ${a.parent} (bộ tiêu chí quy định như vậy), không khai riêng ở mục con`,
    (a) => `"did not arise" for this branch is declared once, on ${a.parent} (as the catalog says), not on a sub-item`,
  ),
  'evidence.not_arisen_conflict': m(
    (a) => `mục ${a.parent} đã khai không phát sinh cho cả nhánh, nhưng mục con này lại kê khai số liệu: bỏ một trong hai`,
    (a) => `${a.parent} is declared as not arisen for its whole branch, yet this sub-item has a value: remove one of them`,
  ),
  'evidence.value_type': m(
    (a) => `số liệu cần là ${VALUE.vi(a)}`,
    (a) => `the value must be ${VALUE.en(a)}`,
  ),
  'evidence.ratio_keys': m(
    (a) => `cần đúng hai khóa ${a.keys}`,
    (a) => `expected exactly the keys ${a.keys}`,
  ),
  'evidence.input_unknown': m(
    (a) => `"${a.key}" không phải số liệu của tiêu chí này (cần: ${a.keys})`,
    (a) => `"${a.key}" is not an input of this item (expected: ${a.keys})`,
  ),
  'evidence.input_missing': m(
    (a) => `thiếu số liệu "${a.key}" (${a.label})`,
    (a) => `the input "${a.key}" (${a.label}) is missing`,
  ),
  'evidence.numerator_exceeds': m(
    (a) => `${a.numerator} (${a.num}) lớn hơn ${a.denominator} (${a.den})`,
    (a) => `${a.numerator} (${a.num}) is greater than ${a.denominator} (${a.den})`,
  ),
  'evidence.derived_negative': m(
    (a) => `${a.expression} = ${a.value}: các số đếm không khớp nhau (kết quả âm)`,
    (a) => `${a.expression} = ${a.value}: the counts do not fit together (a negative result)`,
  ),
  'evidence.decimal_comma': m(
    (a) => `"${a.value}" là chữ, không phải số: trong tệp YAML viết số thập phân bằng dấu chấm, không đặt trong ngoặc kép: ${a.number}`,
    (a) => `"${a.value}" is text, not a number: write decimals with a point and no quotes: ${a.number}`,
  ),
  'evidence.percent_range': m(() => 'tỷ lệ % phải từ 0 đến 100', () => 'a percentage must be between 0 and 100'),
  'evidence.choice_unknown': m(
    (a) => `"${a.value}" không phải lựa chọn hợp lệ (cần: ${a.allowed})`,
    (a) => `"${a.value}" is not an allowed choice (expected: ${a.allowed})`,
  ),
  'evidence.count_invalid': m(
    () => 'số trường hợp phải là số nguyên không âm',
    () => 'the count must be a non-negative whole number',
  ),
  'evidence.points_range': m(
    (a) => `điểm phải từ 0 đến ${a.max}, tối đa ${a.decimals} chữ số thập phân`,
    (a) => `points must be between 0 and ${a.max}, with at most ${a.decimals} decimals`,
  ),
  'evidence.claimed_exceeds_max': m(
    (a) => `điểm tự đánh giá ${a.claimed} vượt điểm tối đa ${a.max}`,
    (a) => `claimed score ${a.claimed} is above the max ${a.max}`,
  ),
  'evidence.unit_type_missing': m(
    (a) => `bộ tiêu chí có nhiều loại đơn vị (${a.known}): khai unit.type`,
    (a) => `the catalog has several unit types (${a.known}): declare unit.type`,
  ),
  'evidence.unit_type_unknown': m(
    (a) => `loại đơn vị ${a.type} không có trong bộ tiêu chí (có: ${a.known})`,
    (a) => `unit type ${a.type} is not one of the catalog's (${a.known})`,
  ),
  'evidence.not_for_type': m(
    (a) => `mục này không áp dụng cho loại đơn vị ${a.type} (bộ tiêu chí quyết định, applies_to): bỏ kê khai`,
    (a) => `this item does not apply to unit type ${a.type} (the catalog decides, applies_to): remove it`,
  ),
  'evidence.survey_not_run_no_share': m(
    () => 'khai không tổ chức điều tra xã hội học (survey_not_run), nhưng bộ tiêu chí không có phần điều tra (survey_share) để quy đổi',
    () => 'survey_not_run is declared, but the catalog has no survey share (survey_share) to rescale by',
  ),
  'evidence.survey_not_run_value': m(
    () => 'mục điều tra xã hội học có số liệu, nhưng đơn vị khai năm nay không tổ chức điều tra (survey_not_run)',
    () => 'a survey item has a value, but the unit declares that no survey was run (survey_not_run)',
  ),
  'evidence.date_invalid': m((a) => `ngày ${a.date} không tồn tại`, (a) => `date ${a.date} does not exist`),
  'evidence.symbol_year': m(
    (a) => `số, ký hiệu ${a.number} mang năm ${a.symbolYear}, khác năm của ngày ban hành ${a.date}: một trong hai bị gõ nhầm`,
    (a) => `the symbol ${a.number} carries the year ${a.symbolYear}, not the year of its date ${a.date}: one of them is a typo`,
  ),
  'evidence.unanswered': m(
    () => 'chưa kê khai: tính 0 điểm',
    () => 'not declared: scored 0',
  ),
  'evidence.claim_mismatch': m(
    (a) => `điểm tự đánh giá ${a.claimed} khác điểm tính theo quy tắc ${a.computed}`,
    (a) => `claimed ${a.claimed} differs from the computed ${a.computed}`,
  ),
  'evidence.no_documents': m(
    () => 'có điểm nhưng chưa nêu tài liệu kiểm chứng: thẩm định có thể không công nhận',
    () => 'scored without any evidence document: the appraisal may not accept it',
  ),
  'score.no_applicable': m(
    () => 'không còn tiêu chí nào được đánh giá: không tính được chỉ số',
    () => 'no applicable criteria remain: the index cannot be computed',
  ),
  // Appraisal overlays (cchc score --appraisal, cchc batch --appraisals)
  'appraisal.unit_mismatch': m(
    (a) => `tệp thẩm định của đơn vị mã "${a.appraisal}", không phải của ${a.name} (mã "${a.unit}")`,
    (a) => `the appraisal is for unit "${a.appraisal}", not for ${a.name} ("${a.unit}")`,
  ),
  'appraisal.catalog_mismatch': m(
    (a) => `tệp thẩm định theo bộ tiêu chí "${a.declared}", đơn vị chấm theo "${a.used}"`,
    (a) => `the appraisal names catalog "${a.declared}", the unit is scored against "${a.used}"`,
  ),
  'appraisal.year_mismatch': m(
    (a) => `tệp thẩm định năm ${a.appraisal}, bộ tiêu chí năm ${a.catalog}`,
    (a) => `the appraisal is for ${a.appraisal}, the catalog for ${a.catalog}`,
  ),
  'appraisal.no_round': m(
    () => 'chưa có vòng nào: cần ít nhất tham_dinh_1 (có thể không có mục nào nếu Hội đồng giữ nguyên điểm tự đánh giá)',
    () => 'no round: at least tham_dinh_1 is needed (with no items if the council keeps every self-score)',
  ),
  'appraisal.round_order': m(
    (a) => `có ${a.round} nhưng chưa có ${a.needs}: các vòng theo thứ tự tham_dinh_1, giai_trinh, tham_dinh_2`,
    (a) => `${a.round} without ${a.needs}: the rounds come in the order tham_dinh_1, giai_trinh, tham_dinh_2`,
  ),
  'appraisal.round_absent': m(
    (a) => `--round ${a.round}: tệp thẩm định chưa có vòng này`,
    (a) => `--round ${a.round}: the appraisal file has no such round`,
  ),
  'appraisal.date_order': m(
    (a) => `ngày ${a.date} của ${a.round} trước ngày ${a.beforeDate} của ${a.before}: kiểm tra lại ngày`,
    (a) => `${a.round} is dated ${a.date}, before ${a.before} (${a.beforeDate}): check the dates`,
  ),
  'appraisal.unknown_code': m(
    (a) => `không có tiêu chí thành phần mã "${a.code}" trong bộ tiêu chí`,
    (a) => `the catalog has no sub-criterion "${a.code}"`,
  ),
  'appraisal.outcome_missing': m(
    () => 'cần một trong value (số liệu xác định lại), points (điểm Hội đồng chấm) hoặc not_arisen: true',
    () => 'needs one of value (the corrected figure), points (points awarded) or not_arisen: true',
  ),
  'appraisal.outcome_twice': m(
    () => 'chỉ ghi một trong value, points, not_arisen: không rõ Hội đồng quyết định theo cái nào',
    () => 'give only one of value, points, not_arisen: it is unclear which one the council decided',
  ),
  'appraisal.points_range': m(
    (a) => `điểm ${a.points} không hợp lệ: cần từ 0 đến ${a.max}, tối đa ${a.decimals} chữ số thập phân`,
    (a) => `points ${a.points} are not valid: expected 0 to ${a.max}, with at most ${a.decimals} decimals`,
  ),
  'appraisal.note_missing': m(
    () => 'lý do "khac" cần ghi rõ ở note',
    () => 'reason "khac" (other) needs the words in note',
  ),
  'appraisal.reason_missing': m(
    (a) => (a.decision === 'khong_chap_nhan' ? 'không chấp nhận giải trình thì phải ghi lý do (reason)' : 'thiếu lý do (reason)'),
    (a) => (a.decision === 'khong_chap_nhan' ? 'a rejected explanation needs a reason' : 'the reason is missing'),
  ),
  'appraisal.explained_unchanged': m(
    (a) => `giải trình về tiêu chí ${a.code} mà thẩm định lần 1 không thay đổi`,
    (a) => `an explanation of ${a.code}, which appraisal round 1 did not change`,
  ),
  'appraisal.decision_unexplained': m(
    (a) => `quyết định về giải trình của tiêu chí ${a.code}, nhưng đơn vị không giải trình tiêu chí này`,
    (a) => `a decision on an explanation of ${a.code}, which the unit did not explain`,
  ),
  'appraisal.undecided': m(
    (a) => `đơn vị đã giải trình tiêu chí ${a.code}: thẩm định lần 2 phải ghi decision (chap_nhan hoặc khong_chap_nhan)`,
    (a) => `the unit explained ${a.code}: appraisal round 2 must give a decision (chap_nhan or khong_chap_nhan)`,
  ),
  'appraisal.rejected_with_outcome': m(
    () => 'không chấp nhận giải trình thì giữ kết quả thẩm định lần 1: không ghi value, points, not_arisen',
    () => 'a rejected explanation keeps round 1: give no value, points or not_arisen',
  ),
  // Workbooks (cchc template)
  'xlsx.not_workbook': m(
    () => 'không phải tệp Excel (.xlsx) hợp lệ',
    () => 'not a valid Excel (.xlsx) workbook',
  ),
  'xlsx.not_template': m(
    () => 'không phải biểu kê khai do "cchc template" tạo (thiếu trang ẩn _cchc)',
    () => 'not a workbook made by "cchc template" (hidden sheet _cchc missing)',
  ),
  'xlsx.template_version': m(
    (a) => `biểu mẫu phiên bản ${a.found || '?'}, cchc cần phiên bản ${a.expected}: hãy tạo lại bằng "cchc template"`,
    (a) => `template version ${a.found || '?'}, cchc needs version ${a.expected}: make a new one with "cchc template"`,
  ),
  'xlsx.sheet_missing': m((a) => `thiếu trang "${a.sheet}"`, (a) => `sheet "${a.sheet}" is missing`),
  'xlsx.row_moved': m(
    (a) => `dòng này phải là "${a.expected}": không di chuyển dòng hay sửa ô bị khóa`,
    (a) => `this row must be "${a.expected}": rows were moved or labels edited`,
  ),
  'xlsx.catalog_changed': m(
    (a) => `biểu mẫu không có dòng cho "${a.expected}": bộ tiêu chí đã thay đổi, hãy tạo lại biểu mẫu`,
    (a) => `the workbook has no row for "${a.expected}": the catalog changed, make a new template`,
  ),
  'xlsx.not_a_number': m(
    (a) => `cần nhập số (${NUMBER_VI[String(a.expected)]?.(a) ?? a.expected}), nhận được "${a.value}"`,
    (a) => `a number is expected (${NUMBER_EN[String(a.expected)]?.(a) ?? a.expected}), got "${a.value}"`,
  ),
  'xlsx.not_whole': m(
    (a) => `cần số nguyên (số lượng), nhận được "${a.value}": cchc không làm tròn số lượng`,
    (a) => `a whole number (a count) is expected, got "${a.value}": cchc does not round counts`,
  ),
  'xlsx.percent_unexpected': m(
    (a) => `ô ghi tỷ lệ % ("${a.value}") nhưng ở đây cần ${NUMBER_VI[String(a.expected)]?.(a) ?? a.expected}`,
    (a) => `the cell holds a percentage ("${a.value}") where ${NUMBER_EN[String(a.expected)]?.(a) ?? a.expected} is expected`,
  ),
  'evidence.percent_fraction': m(
    (a) => `tỷ lệ % ghi ${a.value}: cchc tính là ${a.value}%. Nếu là ${a.percent}%, hãy ghi ${a.write} (trong YAML số thập phân dùng dấu chấm)`,
    (a) => `the percentage is ${a.value}: cchc reads ${a.value}%. If you mean ${a.percent}%, write ${a.write}`,
  ),
  'xlsx.percent_fraction': m((a) =>
      `ô tỷ lệ % ghi ${a.value}: cchc tính là ${a.value}%. Nếu đây là tỷ lệ dạng phân số (${a.percent}%), ` +
      `hãy nhập ${a.percent} (hoặc ${a.percent}%)`,
    (a) =>
      `the percentage cell holds ${a.value}: cchc reads ${a.value}%. If it is a fraction (${a.percent}%), ` +
      `type ${a.percent} (or ${a.percent}%)`,
  ),
  'xlsx.mojibake': m(
    () => 'ô chứa ký tự lỗi mã hóa (U+FFFD "\uFFFD"): chữ đã bị hỏng khi chuyển bảng mã, hãy gõ lại nội dung ô này',
    () => 'the cell holds the replacement character (U+FFFD "\uFFFD"): text was damaged by a wrong encoding; retype it',
  ),
  'xlsx.control_char': m((a) =>
      a.char === 'U+000A' || a.char === 'U+000D'
        ? 'ô này chỉ ghi một dòng: hãy bỏ dấu xuống dòng'
        : `ô chứa ký tự điều khiển hoặc ký tự ẩn ${a.char} (thường do dán từ phần mềm khác): hãy gõ lại nội dung ô này`,
    (a) =>
      a.char === 'U+000A' || a.char === 'U+000D'
        ? 'this cell takes one line: remove the line break'
        : `the cell holds a control or invisible character ${a.char} (usually pasted from other software): retype it`,
  ),
  'xlsx.unsupported_format': m(
    (a) => `định dạng .${a.format} chưa được hỗ trợ — hãy lưu thành .xlsx`,
    (a) => `.${a.format} files are not supported yet — save the file as .xlsx`,
  ),
  'xlsx.encrypted': m(
    () => 'biểu Excel được đặt mật khẩu: hãy bỏ mật khẩu rồi lưu lại thành .xlsx',
    () => 'the workbook is password-protected: remove the password and save it again as .xlsx',
  ),
  'xlsx.too_big': m((a) =>
      `tệp vượt giới hạn của một biểu kê khai (${TOO_BIG_VI[String(a.limit)]?.(a) ?? a.limit}): ` +
      'cchc không mở tệp này (tệp hỏng, không phải biểu kê khai, hoặc tệp cố ý gây hại)',
    (a) =>
      `the file exceeds what a filled template can hold (${TOO_BIG_EN[String(a.limit)]?.(a) ?? a.limit}): ` +
      'cchc does not open it (damaged, not a template, or made to cause harm)',
  ),
  'xlsx.catalog_ref': m((a) =>
      `trang ẩn _cchc ghi bộ tiêu chí "${a.catalog}", nhưng ${CATALOG_REF_VI[String(a.reason)] ?? a.reason}: ` +
      'hãy dùng --catalog <mã|tệp>, hoặc tạo lại biểu bằng "cchc template"',
    (a) =>
      `the hidden sheet _cchc names the catalog "${a.catalog}", but ${CATALOG_REF_EN[String(a.reason)] ?? a.reason}: ` +
      'use --catalog <id|path>, or make a new template with "cchc template"',
  ),
  'xlsx.appraisal_changed': m(
    (a) => `tệp thẩm định ${a.file} đã thay đổi sau khi tạo biểu giải trình này: danh sách tiêu chí bị giảm điểm có thể khác; hãy tạo lại biểu giải trình`,
    (a) => `the appraisal file ${a.file} changed after this explanation workbook was made: the items it lists may differ; make the workbook again`,
  ),
  'xlsx.round_exists': m(
    (a) => `tệp thẩm định đã có vòng ${a.round}: không thêm giải trình lần nữa`,
    (a) => `the appraisal file already has round ${a.round}: the explanation is not added again`,
  ),
  'xlsx.appraisal_needed': m(
    () => 'đây là biểu giải trình: cần --appraisal <tệp thẩm định đã dùng để tạo biểu> để thêm vòng giải trình vào tệp đó',
    () => 'this is an explanation workbook: give --appraisal <the appraisal file it was made from> to add the explanation round to it',
  ),
  'xlsx.not_in_list': m(
    (a) => `"${a.value}" không có trong danh sách (${a.allowed})`,
    (a) => `"${a.value}" is not in the list (${a.allowed})`,
  ),
  // cchc batch
  'batch.no_input': m(
    () => 'không có tệp kê khai nào để chấm: hãy nêu thư mục, tệp hoặc mẫu (ví dụ "don-vi/*.yaml")',
    () => 'no evidence file to score: give folders, files or patterns (e.g. "units/*.yaml")',
  ),
  'batch.empty_dir': m(
    () => 'thư mục không có tệp kê khai nào (.yaml, .yml)',
    () => 'the folder holds no evidence file (.yaml, .yml)',
  ),
  'batch.pattern_invalid': m(
    () => 'mẫu tên tệp không hợp lệ (ngoặc { } hoặc [ ] chưa đóng, khoảng [z-a] ngược)',
    () => 'invalid file pattern (unclosed { } or [ ], reversed range like [z-a])',
  ),
  'batch.no_match': m(() => 'mẫu không khớp tệp nào', () => 'the pattern matches no file'),
  'batch.duplicate_code': m(
    (a) => `mã đơn vị "${a.code}" trùng với ${a.others}: các tệp trùng mã không được xếp hạng`,
    (a) => `unit code "${a.code}" is also used by ${a.others}: units sharing a code are not ranked`,
  ),
  'batch.catalog_differs': m(
    (a) => `chấm theo bộ tiêu chí ${a.used}, khác bộ tiêu chí ${a.main} của các đơn vị còn lại: không xếp hạng chung`,
    (a) => `scored against catalog ${a.used}, not ${a.main} like the other units: not ranked with them`,
  ),
  'batch.below_threshold': m(// `index` comes as the published figure with its decimals ("78.50"), shown with a decimal comma.
    (a) => `${a.name}: chỉ số ${String(a.index).replace('.', ',')}% dưới ngưỡng ${a.threshold}% (--fail-under)`,
    (a) => `${a.name}: index ${a.index}% is below the threshold ${a.threshold}% (--fail-under)`,
  ),
  'batch.compare_grouping': m(
    (a) =>
      `kết quả năm trước xếp hạng ${a.then ? `theo nhóm "${a.then}"` : 'chung, không chia nhóm'}, năm nay ${a.now ? `theo nhóm "${a.now}"` : 'chung'}: thứ hạng không so sánh được (dùng cùng --group-by như năm trước)`,
    (a) =>
      `last year's result was ranked ${a.then ? `by "${a.then}"` : 'as one group'}, this one ${a.now ? `by "${a.now}"` : 'as one group'}: ranks cannot be compared (use the same --group-by as last year)`,
  ),
  'batch.group_field': m(
    (a) => `không nhóm được theo "${a.field}": cần một trong ${a.allowed}`,
    (a) => `cannot group by "${a.field}": expected one of ${a.allowed}`,
  ),
  'batch.form_clash': m(
    (a) => `các đơn vị mã ${a.codes} cho cùng một tên tệp biểu: không ghi biểu của đơn vị nào trong số đó`,
    (a) => `units ${a.codes} give the same form file name: none of their forms is written`,
  ),
  'batch.unappraised': m(
    (a) => `đơn vị mã "${a.code}" chưa có tệp thẩm định trong ${a.dir}: không xếp hạng (thêm --allow-unappraised để xếp hạng theo điểm tự đánh giá)`,
    (a) => `unit "${a.code}" has no appraisal file in ${a.dir}: not ranked (add --allow-unappraised to rank it on its self-assessment)`,
  ),
  'batch.duplicate_appraisal': m(
    (a) => `đơn vị mã "${a.code}" có nhiều tệp thẩm định: ${a.files}; không xếp hạng đơn vị này`,
    (a) => `unit "${a.code}" has several appraisal files: ${a.files}; it is not ranked`,
  ),
  'batch.appraisal_orphan': m(
    (a) => `tệp thẩm định của đơn vị mã "${a.code}", không có đơn vị này trong đợt chấm`,
    (a) => `an appraisal of unit "${a.code}", which is not in the batch`,
  ),
  // The command line
  'option.number': m((a) =>
      `tùy chọn ${a.option}: "${a.value}" không dùng được; cần một số từ ${a.min} đến ${a.max}, ` +
      'dấu thập phân là dấu phẩy hoặc dấu chấm, tối đa 4 chữ số sau dấu (ví dụ 92,5 hoặc 92.5)',
    (a) =>
      `option ${a.option}: "${a.value}" cannot be used; expected a number from ${a.min} to ${a.max}, ` +
      'with a decimal comma or point and at most 4 decimals (e.g. 92.5 or 92,5)',
  ),
  'option.whole_number': m(
    (a) => `tùy chọn ${a.option}: "${a.value}" không dùng được; cần một số nguyên từ ${a.min} trở lên (ví dụ 2)`,
    (a) => `option ${a.option}: "${a.value}" cannot be used; expected a whole number from ${a.min} up (e.g. 2)`,
  ),
  'run.interrupted': m(
    (a) => `đã dừng theo yêu cầu (${a.signal}): không để lại tệp tạm; tệp nào chưa ghi xong thì không được ghi`,
    (a) => `stopped on request (${a.signal}): no temporary file left behind; files not finished were not written`,
  ),
  // Writing outputs
  'output.is_input': m(
    (a) => `không ghi đè lên tệp đầu vào ${a.file}: hãy chọn tên tệp khác`,
    (a) => `refusing to overwrite the input file ${a.file}: choose another name`,
  ),
  'output.write_failed': m((a) => `không ghi được tệp: ${a.reason}`, (a) => `cannot write the file: ${a.reason}`),
  // Why a write failed, in plain words; `reason` is the system's code (EPERM…), kept for searching.
  'output.in_use': m(
    (a) => `không ghi được tệp (${a.reason}): tệp đang mở? hãy đóng tệp (ví dụ trong Excel) rồi chạy lại; nếu không, kiểm tra quyền ghi`,
    (a) => `cannot write the file (${a.reason}): is it open? close it (in Excel, for example) and run again; if not, check write permission`,
  ),
  'output.not_allowed': m(
    (a) => `không ghi được tệp (${a.reason}): không có quyền ghi vào thư mục ${a.folder}`,
    (a) => `cannot write the file (${a.reason}): no permission to write in the folder ${a.folder}`,
  ),
  'output.no_folder': m(
    (a) => `không ghi được tệp (${a.reason}): thư mục ${a.folder} không tồn tại; hãy tạo thư mục hoặc chọn chỗ khác`,
    (a) => `cannot write the file (${a.reason}): the folder ${a.folder} does not exist; create it or choose another place`,
  ),
  'output.not_a_folder': m(
    (a) => `không dùng được ${a.folder} làm thư mục (${a.reason}): đó, hoặc một thư mục chứa nó, là một tệp`,
    (a) => `cannot use ${a.folder} as a folder (${a.reason}): it, or a folder above it, is a file`,
  ),
  'output.is_directory': m(
    () => 'đây là một thư mục: cần tên tệp để ghi, ví dụ ket-qua.json',
    () => 'this is a folder: give a file name to write, e.g. result.json',
  ),
  'output.disk_full': m(
    (a) => `không ghi được tệp (${a.reason}): hết chỗ trống trên đĩa; hãy giải phóng chỗ trống hoặc ghi sang ổ khác`,
    (a) => `cannot write the file (${a.reason}): the disk is full; free some space or write to another drive`,
  ),
  'output.read_only': m(
    (a) => `không ghi được tệp (${a.reason}): ổ đĩa chỉ cho đọc; hãy ghi sang chỗ khác`,
    (a) => `cannot write the file (${a.reason}): the drive is read-only; write somewhere else`,
  ),
  'output.name_too_long': m(
    (a) => `không ghi được tệp (${a.reason}): tên tệp hoặc đường dẫn quá dài`,
    (a) => `cannot write the file (${a.reason}): the file name or path is too long`,
  ),
  'output.twice': m(
    (a) => `${a.file} được chọn cho hai kết quả (${a.options}): hãy chọn hai tên tệp khác nhau`,
    (a) => `${a.file} is chosen for two outputs (${a.options}): choose two different file names`,
  ),
  'output.interrupted': m(
    () => 'không ghi: cchc đang dừng theo yêu cầu',
    () => 'not written: cchc is stopping on request',
  ),
  // cchc score --html … --ranking ket-qua.json (a saved `cchc batch --json`)
  'ranking.catalog_differs': m(
    (a) => `bảng xếp hạng theo bộ tiêu chí ${a.ranking}, còn đơn vị chấm theo ${a.unit}: không so sánh được`,
    (a) => `the ranking uses catalog ${a.ranking}, the unit is scored against ${a.unit}: they cannot be compared`,
  ),
  'ranking.unit_absent': m(
    (a) => `đơn vị mã "${a.code}" không có trong bảng xếp hạng: hãy dùng bảng xếp hạng có đơn vị này`,
    (a) => `unit "${a.code}" is not in the ranking: use a ranking that includes it`,
  ),
  'ranking.index_differs': m(
    (a) => `bảng xếp hạng ghi chỉ số của đơn vị "${a.code}" là ${a.ranking}%, nay tính được ${a.now}%: tệp kê khai đã thay đổi, hãy chạy lại "cchc batch --json"`,
    (a) => `the ranking gives unit "${a.code}" the index ${a.ranking}%, it is now ${a.now}%: the evidence changed; run "cchc batch --json" again`,
  ),
  'ranking.appraised': m(
    (a) => `bảng xếp hạng ghi chỉ số sau thẩm định của đơn vị "${a.code}" (${a.ranking}%; tự đánh giá ${a.now}%): thêm --appraisal <tệp thẩm định của đơn vị> để tính từ kết quả đã công bố`,
    (a) => `the ranking gives unit "${a.code}" its appraised index (${a.ranking}%; self-assessed ${a.now}%): add --appraisal <the unit's appraisal file> to start from the published result`,
  ),
  'ranking.not_appraised': m(
    (a) => `bảng xếp hạng ghi chỉ số tự đánh giá của đơn vị "${a.code}" (${a.ranking}%), còn --appraisal cho chỉ số sau thẩm định ${a.now}%: hãy dùng bảng xếp hạng "cchc batch --appraisals … --json"`,
    (a) => `the ranking gives unit "${a.code}" its self-assessed index (${a.ranking}%), while --appraisal gives the appraised ${a.now}%: use a ranking made with "cchc batch --appraisals … --json"`,
  ),
  // cchc verify ket-qua.json
  'verify.no_provenance': m(
    () => 'không có nguồn gốc (provenance) để kiểm tra: cần kết quả JSON định dạng 2 hoặc biểu Excel do cchc ghi',
    () => 'no provenance to check: a formatVersion 2 JSON result or a workbook written by cchc is needed',
  ),
  'verify.changed': m(
    (a) => `${ROLE_VI[String(a.role)] ?? 'tệp'} đã thay đổi kể từ khi công bố ${a.result} (mã băm SHA-256 khác): kết quả đó không còn là kết quả của tệp này`,
    (a) => `this ${ROLE_EN[String(a.role)] ?? 'file'} changed since ${a.result} was published (another SHA-256): that result is no longer this file's`,
  ),
  'verify.missing': m(
    (a) => `không tìm thấy ${ROLE_VI[String(a.role)] ?? 'tệp'} này (kết quả ${a.result} ghi đường dẫn so với thư mục đã chạy cchc: hãy chạy cchc verify từ thư mục đó)`,
    (a) => `this ${ROLE_EN[String(a.role)] ?? 'file'} is not found (${a.result} records paths from the folder cchc ran in: run cchc verify from there)`,
  ),
  'verify.catalog_changed': m(
    (a) => `bộ tiêu chí "${a.id}" đã thay đổi kể từ khi công bố ${a.result} (mã băm SHA-256 khác)`,
    (a) => `catalog "${a.id}" changed since ${a.result} was published (another SHA-256)`,
  ),
  'verify.catalog_missing': m(
    (a) => `không tìm thấy bộ tiêu chí "${a.id}" đã dùng để lập kết quả này`,
    (a) => `catalog "${a.id}" the result was made with is not found`,
  ),
  'verify.unrecorded': m(
    () => 'khi công bố không có mã băm của tệp này (không phải tệp thường): không kiểm tra được',
    () => 'no hash was recorded for this file at publication (not a regular file): it cannot be checked',
  ),
  'verify.version': m(
    (a) => `kết quả lập bằng cchc ${a.then}, đang dùng cchc ${a.now}: cùng các tệp vẫn có thể cho kết quả khác nếu cách tính đã thay đổi`,
    (a) => `the result was made with cchc ${a.then}, this is cchc ${a.now}: the same files may give another result if the scoring changed`,
  ),
  'option.conflicts': m(
    (a) => `tùy chọn ${a.option} không dùng cùng ${a.with}`,
    (a) => `option ${a.option} cannot be used with ${a.with}`,
  ),
  'option.requires': m(
    (a) => `tùy chọn ${a.option} chỉ dùng cùng ${a.needs}`,
    (a) => `option ${a.option} is only used with ${a.needs}`,
  ),
  // cchc whatif / cchc plan
  'whatif.set_format': m(
    (a) => `"${a.arg}" không dùng được: --set cần dạng mã=giá trị, ví dụ --set 3.2.1=1200/1200 hoặc --set 8.1.1=95,5`,
    (a) => `"${a.arg}" cannot be used: --set takes code=value, e.g. --set 3.2.1=1200/1200 or --set 8.1.1=95.5`,
  ),
  'whatif.set_twice': m((a) => `tiêu chí ${a.code} được --set hai lần`, (a) => `item ${a.code} is set twice`),
  'whatif.value_format': m(
    (a) => `"${a.value}" không dùng được cho quy tắc của tiêu chí này: cần ${SET_VALUE.vi(a)}`,
    (a) => `"${a.value}" cannot be used for this item's rule: expected ${SET_VALUE.en(a)}`,
  ),
  'whatif.percent_fraction': m(
    (a) => `tỷ lệ % ghi ${a.value} sẽ được tính là ${a.value}%. Nếu là ${a.percent}%, hãy nhập ${a.percent}; nếu đúng là ${a.value}%, hãy ghi kèm dấu % (${a.value}%)`,
    (a) => `a percentage given as ${a.value} would be read as ${a.value}%. If you mean ${a.percent}%, type ${a.percent}; if you really mean ${a.value}%, add the % sign (${a.value}%)`,
  ),
  'whatif.no_change': m(
    () => 'cần ít nhất một --set mã=giá trị, hoặc một mục tiêu (--target-rank, --target-index, --target-band)',
    () => 'give at least one --set code=value, or a target (--target-rank, --target-index, --target-band)',
  ),
  'plan.target_twice': m(
    (a) => `chỉ chọn một mục tiêu, nhận được ${a.options}`,
    (a) => `choose one target, got ${a.options}`,
  ),
  'plan.target_rank': m(
    (a) => `--target-rank "${a.value}" không dùng được: cần số nguyên từ 1 đến ${a.max} (số đơn vị cùng xếp hạng)`,
    (a) => `--target-rank "${a.value}" cannot be used: expected a whole number from 1 to ${a.max} (the units ranked together)`,
  ),
  'plan.target_band': m(
    (a) => `bộ tiêu chí không có xếp loại "${a.band}" (có: ${a.allowed})`,
    (a) => `the catalog has no band "${a.band}" (it has: ${a.allowed})`,
  ),
  'plan.unreachable': m(
    (a) =>
      `không đạt được mục tiêu chỉ số ${a.needed}%: nếu mọi tiêu chí đơn vị tự cải thiện được đều đạt tối đa, chỉ số là ${a.best}%` +
      `; kể cả điều tra xã hội học và điểm thẩm định: ${a.all}%`,
    (a) =>
      `the target index ${a.needed}% cannot be reached: with every item the unit can improve at its best the index is ${a.best}%` +
      `; with surveys and appraisal too: ${a.all}%`,
  ),
  'plan.previous_year': m(
    (a) => `--previous là kết quả năm ${a.then}, cần kết quả của một năm trước năm ${a.year}`,
    (a) => `--previous is the result of ${a.then}, a year before ${a.year} is needed`,
  ),
  'plan.target_skipped': m(
    (a) => `${a.name}: ${a.why === 'reached' ? 'đã đạt mục tiêu' : `không đạt được mục tiêu (cao nhất ${a.best}%)`}; kế hoạch lập không kèm mục tiêu`,
    (a) => `${a.name}: ${a.why === 'reached' ? 'the target is met already' : `the target cannot be reached (at best ${a.best}%)`}; the plan is written without a target`,
  ),
  'option.date': m(
    (a) => `tùy chọn ${a.option}: "${a.value}" không phải một ngày dạng dd/mm/yyyy có thật (ví dụ 30/11/2025)`,
    (a) => `option ${a.option}: "${a.value}" is not a real date written dd/mm/yyyy (e.g. 30/11/2025)`,
  ),
  'internal.error': m(
    (a) => `lỗi nội bộ của cchc: ${a.detail} (vui lòng báo lỗi)`,
    (a) => `internal cchc error: ${a.detail} (please report it)`,
  ),
} satisfies Record<FindingCode, Message>;

