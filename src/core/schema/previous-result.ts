import { z } from 'zod';

/**
 * What `--compare` reads from last year's `cchc batch --json` (format 1 or 2): each ranked unit's code,
 * name, published index and rank, and the catalog's year. Other fields are left alone.
 */
export const PreviousResult = z.object({
  formatVersion: z.literal([1, 2]),
  catalog: z.object({ year: z.number().int() }).nullable().optional(),
  groupBy: z.string().nullable().optional(),
  units: z.array(
    z.object({
      code: z.string().min(1),
      name: z.string(),
      index: z.number().min(0).max(100),
      rank: z.number().int().positive(),
      rankLabel: z.string().min(1),
      group: z.string().nullable().optional(),
    }),
  ),
});
export type PreviousResult = z.output<typeof PreviousResult>;
