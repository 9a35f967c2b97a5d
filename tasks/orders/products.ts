import type { BulkProductsRequest, Product, ProductInput } from '../../contracts/product';
import { ProductSchema } from '../../contracts/product';
import { NotFoundError } from '../shared/errors';
import { isoTimestampSql, type OrdersDatabase } from './OrdersDatabase';

const COLUMNS = `sku, description, quantity, version, ${isoTimestampSql('updated_at')} AS updated_at`;

/** A set of the stock: the quantity given replaces the one held (an inventory count), and the version grows. */
function upsertSql(schema: string): string {
  return [
    `INSERT INTO ${schema}.produtos (sku, description, quantity)`,
    ' SELECT r.sku, r.description, r.quantity FROM jsonb_to_recordset(CAST(:products AS jsonb)) AS r(sku text, description text, quantity integer)',
    ` ON CONFLICT (sku) DO UPDATE SET description = EXCLUDED.description, quantity = EXCLUDED.quantity, version = ${schema}.produtos.version + 1, updated_at = now()`,
    ` RETURNING ${COLUMNS}`,
  ].join('');
}

function productOf(row: Record<string, unknown>): Product {
  return ProductSchema.parse({ sku: row.sku, description: row.description, quantity: Number(row.quantity), version: Number(row.version), updatedAt: row.updated_at });
}

/** `GET /products/{sku}`: 404 for a SKU the stock does not have. */
export async function getProduct(db: OrdersDatabase, sku: string): Promise<Product> {
  const [row] = await db.query(`SELECT ${COLUMNS} FROM ${db.schemas.stock}.produtos WHERE sku = :sku`, { sku });
  if (row === undefined) throw new NotFoundError(`Product ${sku} not found`);
  return productOf(row);
}

/** `PUT /products/{sku}`: creates or replaces the product. */
export async function putProduct(db: OrdersDatabase, sku: string, input: ProductInput): Promise<Product> {
  const [product] = await putProducts(db, { products: [{ sku, ...input }] });
  if (product === undefined) throw new Error(`the upsert of ${sku} returned no row`);
  return product;
}

/** `PUT /products`: many products in one statement (all or none), answered in the order sent. */
export async function putProducts(db: OrdersDatabase, request: BulkProductsRequest): Promise<Product[]> {
  const rows = (await db.query(upsertSql(db.schemas.stock), { products: JSON.stringify(request.products) })).map(productOf);
  const bySku = new Map(rows.map((product) => [product.sku, product]));
  return request.products.map((product) => {
    const stored = bySku.get(product.sku);
    if (stored === undefined) throw new Error(`the upsert of ${product.sku} returned no row`);
    return stored;
  });
}
