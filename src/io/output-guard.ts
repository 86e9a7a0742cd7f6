import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';

const real = (p: string) => realpath(p).catch(() => resolve(p));

/**
 * The command's inputs (evidence, catalogs, last year's result) as real paths, resolved once: a batch
 * checks thousands of form targets against thousands of inputs. Compared through symbolic links:
 * writing over link.yaml's target is writing over an input.
 */
export async function inputGuard(inputs: ReadonlyArray<string | undefined>): Promise<(out: string) => Promise<boolean>> {
  const reals = new Set(await Promise.all(inputs.filter((i): i is string => i !== undefined).map(real)));
  return async (out) => reals.has(await real(out));
}

/** Whether writing `out` would replace one of `inputs`. */
export async function overwritesInput(out: string, inputs: ReadonlyArray<string | undefined>): Promise<boolean> {
  return (await inputGuard(inputs))(out);
}
