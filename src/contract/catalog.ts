import { z } from 'zod';

export const complexitySchema = z.enum(['basic', 'complex']);

export const productSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  family: z.string(),
  complexity: complexitySchema,
  listPriceCents: z.number(),
  currency: z.string(),
  active: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;

export const createProductBody = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(30)
    .regex(/^[A-Z0-9-]+$/, { message: 'Use capital letters, digits and dashes' }),
  name: z.string().trim().min(2).max(120),
  family: z.string().trim().min(2).max(60),
  complexity: complexitySchema,
  listPriceCents: z.number().int().min(0),
  active: z.boolean().default(true),
});

export const updateProductBody = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  family: z.string().trim().min(2).max(60).optional(),
  complexity: complexitySchema.optional(),
  listPriceCents: z.number().int().min(0).optional(),
  active: z.boolean().optional(),
});
