import { resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import type { Finding } from '../core/findings/finding.js';
import { finding } from '../core/findings/codes.js';
import { writeAtomically } from '../io/atomic-write.js';
import { overwritesInput } from '../io/output-guard.js';
import { EXIT, formatFindings, type CommandResult, type Context } from './context.js';

const WROTE = { vi: (f: string) => `Đã ghi kết quả: ${f}`, en: (f: string) => `Wrote the result: ${f}` };

/**
 * Checks the files a command will write before it writes any: none over an input, none a folder, no
 * file chosen for two outputs. Catching these first means a refused run writes nothing at all.
 */
export async function checkOutputs(outputs: ReadonlyArray<readonly [option: string, file: string | undefined]>, inputs: ReadonlyArray<string | undefined>): Promise<Finding[]> {
  const given = outputs.filter((o): o is readonly [string, string] => o[1] !== undefined);
  const problems: Finding[] = [];
  const seen = new Map<string, string>();
  for (const [option, file] of given) {
    const key = resolve(file);
    const other = seen.get(key);
    if (other !== undefined) problems.push({ ...finding('output.twice', [], { file, options: `${other}, ${option}` }), file });
    seen.set(key, option);
    if (await overwritesInput(file, inputs)) problems.push({ ...finding('output.is_input', [], { file }), file });
    else if ((await stat(file).catch(() => undefined))?.isDirectory()) problems.push({ ...finding('output.is_directory', []), file });
  }
  return problems;
}

/**
 * `-o FILE`: the result goes to the file (UTF-8, written atomically) instead of stdout, so no shell
 * redirection is needed (PowerShell 5's `>` writes UTF-16). Messages stay on stderr. Nothing is
 * written when the command produced no result.
 */
export async function deliver(r: CommandResult, out: string | undefined, inputs: ReadonlyArray<string | undefined>, ctx: Context): Promise<CommandResult> {
  if (out === undefined || r.stdout === '') return r;
  const failed = await writeAtomically(out, r.stdout, inputs);
  if (failed.length) {
    return { exitCode: r.exitCode === EXIT.internal ? EXIT.internal : EXIT.invalid, stdout: '', stderr: r.stderr + formatFindings(failed, ctx.lang) };
  }
  return { exitCode: r.exitCode, stdout: '', stderr: `${r.stderr}${WROTE[ctx.lang](out)}\n` };
}
