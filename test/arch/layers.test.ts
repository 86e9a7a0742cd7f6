import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(new URL(import.meta.url).pathname), '../../src');

/**
 * One-way dependencies: cli → commands → adapters → core. A module may import its own folder and the
 * folders of a lower layer, never one above it or beside it (no loops between folders).
 */
const LAYER: Record<string, number> = {
  core: 0,
  reporters: 1,
  io: 1,
  xlsx: 2,
  docx: 2,
  workbook: 3,
  batch: 4,
  commands: 5,
  cli: 6,
};
/** Adapters may import within their own layer only through these (layer, folder) pairs. */
const ROOT_FILES: Record<string, string> = { 'cli.ts': 'cli', 'version.ts': 'io' };

/** The only packages the core may import: it knows no disk, no terminal, no language, no file format. */
const CORE_PACKAGES = new Set(['zod']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function folderOf(file: string): string {
  const rel = relative(SRC, file).split('/');
  return rel.length === 1 ? ROOT_FILES[rel[0]!]! : rel[0]!;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

const all = files(SRC).map((f) => ({ file: f, rel: relative(SRC, f), folder: folderOf(f), specs: imports(f) }));

describe('architecture', () => {
  it('knows every folder of src/', () => {
    expect(all.filter((f) => LAYER[f.folder] === undefined).map((f) => f.rel)).toEqual([]);
  });

  it('keeps src/core free of I/O, terminals, file formats and the command line', () => {
    const bad = all
      .filter((f) => f.folder === 'core')
      .flatMap((f) => f.specs.filter((s) => !s.startsWith('.') && !CORE_PACKAGES.has(s)).map((s) => `${f.rel} imports ${s}`));
    expect(bad).toEqual([]);
  });

  it('has no folder importing a folder above it or beside it', () => {
    const bad: string[] = [];
    for (const f of all) {
      for (const s of f.specs.filter((x) => x.startsWith('.'))) {
        const target = folderOf(resolve(dirname(f.file), s.replace(/\.js$/, '.ts')));
        if (target !== f.folder && !(LAYER[target]! < LAYER[f.folder]!)) bad.push(`${f.rel} (${f.folder}) imports ${s} (${target})`);
      }
    }
    expect(bad).toEqual([]);
  });

  // Schemas are exempt: their descriptions document the file format for editors (JSON Schema hovers),
  // and the words a person may type as a value (có, không, "ngày" in a citation) are part of that format.
  it('keeps words out of the core: no Vietnamese letters in its code (comments and schemas aside)', () => {
    const VI = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
    const bad = all
      .filter((f) => f.folder === 'core' && !f.rel.startsWith('core/schema/'))
      .flatMap((f) =>
        readFileSync(f.file, 'utf8')
          .split('\n')
          .map((line, i) => ({ line: line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '').replace(/\/\*.*?\*\//g, ''), n: i + 1 }))
          .filter(({ line }) => VI.test(line) && !/\.describe\(/.test(line))
          .map(({ n }) => `${f.rel}:${n}`),
      );
    expect(bad).toEqual([]);
  });

  it('writes ten-thousandths only in the fixed-point module', () => {
    const bad = all.filter((f) => f.rel !== 'core/fixed.ts' && /\b10_?000\b/.test(readFileSync(f.file, 'utf8'))).map((f) => f.rel);
    expect(bad).toEqual([]);
  });
});
