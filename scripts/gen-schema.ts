// Writes schema/*.schema.json from the zod schemas (npm run schema); a test keeps them in sync.
import { mkdir, writeFile } from 'node:fs/promises';
import { jsonSchemas } from '../src/core/schema/json-schema.js';

await mkdir('schema', { recursive: true });
for (const [name, text] of Object.entries(jsonSchemas())) await writeFile(`schema/${name}`, text);
