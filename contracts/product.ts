import { z } from 'zod';

/** A SKU: letters, digits, `.`, `_` and `-`, up to 64 characters. */
export const SkuSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

/** `/products/{sku}` path parameters. */
export const ProductPathSchema = z.strictObject({ sku: SkuSchema });

/** What a product is set to: its description and the units in stock. */
export const ProductInputSchema = z.strictObject({
  description: z.string().trim().min(1).max(200),
  quantity: z.number().int().min(0).max(1_000_000_000),
});
export type ProductInput = z.infer<typeof ProductInputSchema>;

/** A product of `estoque.produtos`: `version` grows with every change, reservations included. */
export const ProductSchema = z.strictObject({
  sku: SkuSchema,
  description: z.string(),
  quantity: z.number().int().min(0),
  version: z.number().int().positive(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof ProductSchema>;

/** `PUT /products` body: the stock of many products at once (each set as `PUT /products/{sku}` would). */
export const BulkProductsRequestSchema = z.strictObject({
  products: z
    .array(ProductInputSchema.extend({ sku: SkuSchema }))
    .min(1)
    .max(500)
    .refine((products) => new Set(products.map((product) => product.sku)).size === products.length, 'must not name a SKU twice'),
});
export type BulkProductsRequest = z.infer<typeof BulkProductsRequestSchema>;

/** `PUT /products` answer: the products as stored, in the order sent. */
export const BulkProductsResponseSchema = z.strictObject({ items: z.array(ProductSchema) });
export type BulkProductsResponse = z.infer<typeof BulkProductsResponseSchema>;
