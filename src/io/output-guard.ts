import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * Whether writing `out` would replace one of the command's inputs (evidence, catalogs, last year's
 * result), compared through symbolic links: writing over link.yaml's target is writing over an input.
 */
export async function overwritesInput(out: string, inputs: ReadonlyArray<string | undefined>): Promise<boolean> {
  const real = (p: string) => realpath(p).catch(() => resolve(p));
  const target = await real(out);
  for (const i of inputs) if (i !== undefined && (await real(i)) === target) return true;
  return false;
}
