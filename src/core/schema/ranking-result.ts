import { z } from 'zod';

/**
 * What `cchc score --html --ranking` reads from a saved `cchc batch --json` (format 1 or 2): the
 * catalog it ranked with, and each ranked unit's code, name, type, index, rank, group and area points. Other
 * fields are left alone.
 */
export const RankingResult = z.object({
  formatVersion: z.literal([1, 2]),
  catalog: z.object({ id: z.string(), year: z.number().int() }),
  groupBy: z.string().nullable().optional(),
  units: z.array(
    z.object({
      code: z.string().min(1),
      name: z.string().optional(),
      type: z.string().nullable().optional(),
      index: z.number(),
      rank: z.number().int().positive(),
      rankLabel: z.string(),
      groupSize: z.number().int().positive(),
      group: z.string().nullable().optional(),
      parent: z.string().nullable().optional(),
      areas: z.array(z.object({ code: z.string(), points: z.number(), applicableMax: z.number() })),
      /** With `cchc batch --appraisals`: the index is the appraised one; selfIndex the unit's own. */
      appraised: z.boolean().optional(),
      selfIndex: z.number().nullable().optional(),
    }),
  ),
});
