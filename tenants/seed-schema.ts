import { z } from 'zod';

/** Demonstration suppliers shipped with a tenant folder (seed/suppliers.json). */
export const ZSupplierSeed = z
  .array(
    z.object({
      legalName: z.string().min(2).max(200),
      registrationScheme: z.string().min(2).max(40),
      registrationNumber: z.string().min(2).max(40),
      organisationSize: z.enum(['micro', 'small', 'medium', 'large']),
      region: z.string().max(80).optional(),
      description: z.string().max(1000).optional(),
      /** Demo people (tenant members, by email) who act for this supplier. */
      members: z.array(z.email()).default([]),
    }),
  )
  .max(1000);

/** Demonstration buyer organisations (seed/buyers.json). */
export const ZBuyerSeed = z
  .array(
    z.object({
      name: z.string().min(2).max(200),
      organisationType: z.enum(['central', 'local', 'health', 'education', 'devolved', 'other']),
      emailDomains: z.array(z.string().min(3).max(253)).default([]),
      members: z.array(z.email()).default([]),
      /** Teams within the organisation; their members must be members of the organisation. */
      teams: z.array(z.object({ name: z.string().min(2).max(120), members: z.array(z.email()).min(1) })).default([]),
    }),
  )
  .max(200);
