import type { CommandResult, Context } from './context.js';

export interface BatchOptions {
  catalog?: string;
  format: 'text' | 'json' | 'csv';
  xlsx?: string;
  forms?: string;
  groupBy?: string;
  failUnder?: number;
  jobs?: number;
  quiet: boolean;
  compare?: string;
}

/** Implemented in the batch work (issue 4). */
export async function batchCommand(_inputs: string[], _opts: BatchOptions, _ctx: Context): Promise<CommandResult> {
  throw new Error('batch: not implemented yet');
}
