import { describe, expect, it } from 'vitest';
import { cli } from './run.js';

const VAN_LANG = 'examples/van-lang-2024';
const LAST_YEAR = 'examples/van-lang-2023.json';

describe('--compare with last year', () => {
  it('refuses to compare ranks made with another grouping (a group rank is not a district rank)', async () => {
    const r = await cli(['batch', VAN_LANG, '--json', '--compare', LAST_YEAR, '--group-by', 'type']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/van-lang-2023\.json: lỗi: .*\(batch\.compare_grouping\)/);
    expect(r.stdout).toBe('');
  });

  it('compares when the grouping is the same', async () => {
    const r = await cli(['batch', VAN_LANG, '--json', '--compare', LAST_YEAR]);
    expect(r.exitCode).toBe(1); // one commune's file is invalid on purpose
    const j = JSON.parse(r.stdout);
    expect(j.units.every((u: { change: { regrouped?: boolean } }) => u.change.regrouped === false)).toBe(true);
  });
});
