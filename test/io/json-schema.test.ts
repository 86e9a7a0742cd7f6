import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/core/schema/json-schema.js';
import { ROOT } from '../e2e/cli.js';

describe('JSON Schema for editors', () => {
  it('is in sync with the zod schemas (run `npm run schema` after changing them)', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) {
      expect(readFileSync(join(ROOT, 'schema', name), 'utf8'), name).toBe(text);
    }
  });

  it('is draft-07 with hover descriptions', () => {
    const s = JSON.parse(jsonSchemas()['evidence.schema.json']!);
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.properties.unit.description).toMatch(/Đơn vị/);
  });
});

describe('the $schema line of every shipped YAML', () => {
  const yamlFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const files = [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'criteria'))];

  it('names a schema that allows every top-level key the file uses (a district catalog: extends, fill)', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const line = /^# yaml-language-server: \$schema=(\S+)/m.exec(text);
      if (!line) continue;
      const schemaPath = resolve(dirname(file), line[1]!);
      if (!existsSync(schemaPath)) {
        wrong.push(`${file}: ${line[1]} does not exist`);
        continue;
      }
      const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
      if (schema.additionalProperties !== false) continue;
      const doc: unknown = parse(text);
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) continue;
      checked++;
      for (const key of Object.keys(doc)) if (!(key in schema.properties)) wrong.push(`${file}: ${key} not in ${line[1]}`);
    }
    expect(checked).toBeGreaterThan(5);
    expect(wrong).toEqual([]);
  });

  it('points a catalog that extends a framework at the district schema', () => {
    const district = files.filter((f) => /^extends:/m.test(readFileSync(f, 'utf8')));
    expect(district.length).toBeGreaterThan(0);
    for (const f of district) expect(readFileSync(f, 'utf8'), f).toMatch(/\$schema=\S*district-catalog\.schema\.json/);
  });
});
