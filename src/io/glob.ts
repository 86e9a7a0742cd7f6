import path, { type PlatformPath } from 'node:path';

/** Whether an argument is a pattern for cchc to expand (a shell may have expanded it already). */
export function isGlob(arg: string): boolean {
  return /[*?[{]/.test(arg);
}

/** The folder part before the first segment with a wildcard: where to start walking. */
export function globBase(pattern: string): string {
  const segs = pattern.split('/');
  const i = segs.findIndex((s) => isGlob(s));
  const base = segs.slice(0, i < 0 ? segs.length : i).join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

/**
 * A glob as a regular expression over '/'-separated paths: `*` and `?` stay within one segment and do
 * not match a leading dot, `**` spans folders, `[abc]`/`[!abc]` classes and `{a,b}` alternatives.
 */
export function globRegExp(pattern: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const atSegmentStart = i === 0 || pattern[i - 1] === '/';
    if (ch === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:[^/.][^/]*/)*' : '(?:[^/.][^/]*)?(?:/[^/.][^/]*)*';
      i += slash ? 2 : 1;
    } else if (ch === '*') re += atSegmentStart ? '(?![.])[^/]*' : '[^/]*';
    else if (ch === '?') re += atSegmentStart ? '[^/.]' : '[^/]';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (ch === '{') {
      depth++;
      re += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      re += ')';
    } else if (ch === ',' && depth > 0) re += '|';
    else re += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A path with '/' separators, in NFC: what patterns are matched against (`p.sep` is '\\' on Windows). */
export function slashPath(file: string, p: Pick<PlatformPath, 'sep'> = path): string {
  return (p.sep === '\\' ? file.replace(/\\/g, '/') : file).normalize('NFC');
}

export interface GlobPlan {
  /** The folder to walk, as given (on Windows it may keep a drive letter: `C:/data`). */
  base: string;
  /** Matches the '/'-separated NFC form of each file found (slashPath). */
  re: RegExp;
  /** How many folder levels below `base` a match can be (Infinity with `**`). */
  depth: number;
}

/**
 * How to expand a pattern the shell left as it is, for node:path's flavour `p`. On Windows `\` separates
 * folders (`don-vi\*.yaml`, `C:\data\**\*.yaml`): cmd and PowerShell leave patterns to the program and
 * there `\` is never an escape. Names are compared in NFC, so a pattern typed composed matches a file
 * name written decomposed (macOS) and the other way round. Throws on a malformed pattern.
 */
export function globPlan(arg: string, p: Pick<PlatformPath, 'sep'> = path): GlobPlan {
  const pattern = slashPath(arg, p).replace(/^\.\//, '');
  const base = globBase(pattern);
  const re = globRegExp(pattern);
  // Without `**` a pattern cannot reach deeper than its own number of segments.
  const depth = pattern.includes('**') ? Infinity : pattern.split('/').length - (base === '.' ? 0 : base.split('/').length);
  return { base, re, depth };
}
