import { z } from 'zod';

/** Apart from the catalog's schema: an evidence file names its level too, and is read without building the catalog's. */
export const Level = z.enum(['tinh', 'so', 'huyen', 'xa']).describe('Cấp: tinh, so, huyen, xa');
export type Level = z.output<typeof Level>;
