import { z } from 'zod';
import { Catalog, ChildCatalog } from './catalog.js';
import { Evidence } from './evidence.js';
import { Appraisal } from './appraisal.js';

/** JSON Schemas for editors: draft-07, because yaml-language-server reads draft-07 and older. */
export function jsonSchemas(): Record<string, string> {
  const gen = (s: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(s, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
  return {
    'catalog.schema.json': gen(Catalog, 'cchc: bộ tiêu chí Chỉ số CCHC'),
    'district-catalog.schema.json': gen(ChildCatalog, 'cchc: bộ tiêu chí cấp dưới điền vào khung của cấp trên (extends, fill)'),
    'evidence.schema.json': gen(Evidence, 'cchc: tệp kê khai của đơn vị'),
    'appraisal.schema.json': gen(Appraisal, 'cchc: tệp thẩm định của đơn vị (thẩm định, giải trình, thẩm định lần 2)'),
  };
}
