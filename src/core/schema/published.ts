import { z } from 'zod';

const Hash = z.object({ file: z.string().min(1), sha256: z.string().nullable() });

/**
 * What `cchc verify` reads from a published result (`cchc score --json` or `cchc batch --json`,
 * formatVersion 2): its provenance, and for a ranking each unit's file and appraisal overlay with their
 * SHA-256. Other fields are left alone.
 */
export const PublishedResult = z.object({
  formatVersion: z.literal(2),
  provenance: z.object({
    cchc: z.string(),
    catalog: z.object({ id: z.string(), sha256: z.string().nullable() }).nullable(),
    inputs: z.array(Hash),
  }),
  units: z
    .array(
      z.object({
        file: z.string().min(1),
        sha256: z.string().nullable(),
        appraisal: z.object({ file: z.string().min(1), sha256: z.string().nullable() }).nullable().optional(),
      }),
    )
    .optional(),
});
export type PublishedResult = z.output<typeof PublishedResult>;
