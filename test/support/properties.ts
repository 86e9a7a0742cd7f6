import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { ROOT, VERSION } from '../e2e/cli.js';

/** The SHA-256 of a file of the repository (or an absolute path), from its bytes. */
export const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(ROOT, file))).digest('hex');

/** The custom document properties of a workbook (docProps/custom.xml), in file order. */
export async function customProperties(file: string): Promise<Array<[string, string]>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('docProps/custom.xml')?.async('string');
  expect(xml, `${file} has no custom properties`).toBeDefined();
  expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('PartName="/docProps/custom.xml"');
  expect(await zip.file('_rels/.rels')!.async('string')).toContain('Target="docProps/custom.xml"');
  return [...xml!.matchAll(/<property [^>]*name="([^"]+)"><vt:lpwstr>([^<]*)<\/vt:lpwstr><\/property>/g)].map((m) => [m[1]!, m[2]!]);
}

/** What cchc stamps into a workbook scored with the shipped xa-mau-2024: its version, the catalog, each input's hash. */
export const stamp = (inputs: Array<[string, string]>): Array<[string, string]> => [
  ['cchc.version', VERSION],
  ['cchc.catalog.id', 'xa-mau-2024'],
  ['cchc.catalog.sha256', sha256('criteria/xa-mau-2024.yaml')],
  ['cchc.inputs', String(inputs.length)],
  ...inputs.flatMap(([file, hash], i): Array<[string, string]> => [
    [`cchc.input.${i + 1}.file`, file],
    [`cchc.input.${i + 1}.sha256`, hash],
  ]),
];
