import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
