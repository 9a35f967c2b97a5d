import type { RDSDataClient, SqlParameter } from '@aws-sdk/client-rds-data';
import { clusterArn, dataApiClient, execute, rejection, tableName } from './dataApiTestKit';

const CLUSTER = clusterArn('exec');
const DATABASE = 'rds_data_exec_tests';

describe('ExecuteStatement', () => {
  let client: RDSDataClient;
  const items = tableName('items');
  const run = (sql: string, parameters: SqlParameter[] = [], extra = {}): ReturnType<typeof execute> => execute(client, CLUSTER, sql, parameters, { database: DATABASE, ...extra });

  beforeAll(async () => {
    client = dataApiClient();
    await run(`CREATE TABLE ${items} (
      id bigint PRIMARY KEY,
      name text NOT NULL,
      price numeric(12,2),
      ratio double precision,
      active boolean,
      payload bytea,
      created_at timestamp,
      updated_at timestamptz,
      day date,
      at_time time,
      ref uuid,
      doc jsonb,
      note varchar(20)
    )`);
  }, 60_000);

  afterAll(() => client.destroy());

  const widgetParameters: SqlParameter[] = [
    { name: 'id', value: { longValue: 1 } },
    { name: 'name', value: { stringValue: 'widget' } },
    { name: 'price', value: { stringValue: '12.5' }, typeHint: 'DECIMAL' },
    { name: 'ratio', value: { doubleValue: 0.25 } },
    { name: 'active', value: { booleanValue: true } },
    { name: 'payload', value: { blobValue: new Uint8Array([0, 1, 254, 255]) } },
    { name: 'createdAt', value: { stringValue: '2026-01-02 03:04:05.678' }, typeHint: 'TIMESTAMP' },
    { name: 'updatedAt', value: { stringValue: '2026-01-02 03:04:05' }, typeHint: 'TIMESTAMP' },
    { name: 'day', value: { stringValue: '2026-01-02' }, typeHint: 'DATE' },
    { name: 'atTime', value: { stringValue: '03:04:05.5' }, typeHint: 'TIME' },
    { name: 'ref', value: { stringValue: '0b9f6c84-2f0a-4d55-9a4e-6f1f2c3d4e5f' }, typeHint: 'UUID' },
    { name: 'doc', value: { stringValue: '{"a": [1, 2], "b": "x"}' }, typeHint: 'JSON' },
    { name: 'note', value: { isNull: true } },
  ];

  it('inserts a row with every parameter type and counts it in numberOfRecordsUpdated', async () => {
    const output = await run(
      `INSERT INTO ${items} (id, name, price, ratio, active, payload, created_at, updated_at, day, at_time, ref, doc, note)
       VALUES (:id, :name, :price, :ratio, :active, :payload, :createdAt, :updatedAt, :day, :atTime, :ref, :doc, :note)`,
      widgetParameters,
    );

    expect(output.numberOfRecordsUpdated).toBe(1);
    expect(output.records).toBeUndefined();
    expect(output.generatedFields).toBeUndefined();
  });

  it('returns every column as the Data API types it', async () => {
    const output = await run(`SELECT id, name, price, ratio, active, payload, created_at, updated_at, day, at_time, ref, doc, note FROM ${items} WHERE id = :id`, [{ name: 'id', value: { longValue: 1 } }]);

    expect(output.records).toEqual([
      [
        { longValue: 1 },
        { stringValue: 'widget' },
        { stringValue: '12.50' },
        { doubleValue: 0.25 },
        { booleanValue: true },
        { blobValue: new Uint8Array([0, 1, 254, 255]) },
        { stringValue: '2026-01-02 03:04:05.678' },
        { stringValue: '2026-01-02 03:04:05' },
        { stringValue: '2026-01-02' },
        { stringValue: '03:04:05.5' },
        { stringValue: '0b9f6c84-2f0a-4d55-9a4e-6f1f2c3d4e5f' },
        { stringValue: '{"a": [1, 2], "b": "x"}' },
        { isNull: true },
      ],
    ]);
    expect(output.numberOfRecordsUpdated).toBe(0);
    expect(output.columnMetadata).toBeUndefined();
  });

  it('returns column metadata when includeResultMetadata is set', async () => {
    const serials = tableName('serials');
    await run(`CREATE TABLE ${serials} (id serial PRIMARY KEY, label varchar(40) NOT NULL, amount numeric(10,3), seen timestamptz)`);
    await run(`INSERT INTO ${serials} (label) VALUES ('a')`);

    const output = await run(`SELECT id, label, amount, seen, 1 + 1 AS two FROM ${serials}`, [], { includeResultMetadata: true });

    const common = { schemaName: '', isCurrency: false, arrayBaseColumnType: 0 };
    expect(output.columnMetadata).toEqual([
      { ...common, name: 'id', label: 'id', type: 4, typeName: 'serial', tableName: serials, isAutoIncrement: true, isSigned: true, isCaseSensitive: false, nullable: 0, precision: 10, scale: 0 },
      { ...common, name: 'label', label: 'label', type: 12, typeName: 'varchar', tableName: serials, isAutoIncrement: false, isSigned: false, isCaseSensitive: true, nullable: 0, precision: 40, scale: 0 },
      { ...common, name: 'amount', label: 'amount', type: 2, typeName: 'numeric', tableName: serials, isAutoIncrement: false, isSigned: true, isCaseSensitive: false, nullable: 1, precision: 10, scale: 3 },
      { ...common, name: 'seen', label: 'seen', type: 93, typeName: 'timestamptz', tableName: serials, isAutoIncrement: false, isSigned: false, isCaseSensitive: false, nullable: 1, precision: 35, scale: 6 },
      { ...common, name: 'two', label: 'two', type: 4, typeName: 'int4', tableName: '', isAutoIncrement: false, isSigned: true, isCaseSensitive: false, nullable: 1, precision: 10, scale: 0 },
    ]);
    expect(output.records).toEqual([[{ longValue: 1 }, { stringValue: 'a' }, { isNull: true }, { isNull: true }, { longValue: 2 }]]);
  });

  it('returns formattedRecords instead of records and metadata with formatRecordsAs JSON', async () => {
    const output = await run(`SELECT id, name, price, ratio, active, payload, updated_at, doc, note FROM ${items} WHERE id = 1`, [], { formatRecordsAs: 'JSON', includeResultMetadata: true });

    expect(output.records).toBeUndefined();
    expect(output.columnMetadata).toBeUndefined();
    expect(output.formattedRecords).toBe(
      '[{"id":1,"name":"widget","price":"12.50","ratio":0.25,"active":true,"payload":"AAH+/w==","updated_at":"2026-01-02 03:04:05","doc":"{\\"a\\": [1, 2], \\"b\\": \\"x\\"}","note":null}]',
    );
  });

  it('returns numeric as numbers and ints as strings when resultSetOptions ask for it', async () => {
    const output = await run(`SELECT 7::int8 AS n, 2.50::numeric AS d, 3::numeric AS whole`, [], { resultSetOptions: { decimalReturnType: 'DOUBLE_OR_LONG', longReturnType: 'STRING' } });

    expect(output.records).toEqual([[{ stringValue: '7' }, { doubleValue: 2.5 }, { longValue: 3 }]]);
  });

  it('returns arrays as arrayValue, nested ones as arrayValues', async () => {
    const output = await run(`SELECT ARRAY[1, 2, 3] AS ints, ARRAY['a b', 'c"d'] AS texts, ARRAY[true, false] AS flags, ARRAY[1.5::float8] AS doubles, ARRAY[[1, 2], [3, 4]] AS grid`);

    expect(output.records).toEqual([
      [
        { arrayValue: { longValues: [1, 2, 3] } },
        { arrayValue: { stringValues: ['a b', 'c"d'] } },
        { arrayValue: { booleanValues: [true, false] } },
        { arrayValue: { doubleValues: [1.5] } },
        { arrayValue: { arrayValues: [{ longValues: [1, 2] }, { longValues: [3, 4] }] } },
      ],
    ]);
  });

  it('counts the rows an UPDATE changes, and returns rows with RETURNING', async () => {
    await run(`INSERT INTO ${items} (id, name) VALUES (2, 'gadget'), (3, 'gizmo')`);

    const updated = await run(`UPDATE ${items} SET active = false WHERE id IN (2, 3)`);
    const returned = await run(`UPDATE ${items} SET name = upper(name) WHERE id = :id RETURNING id, name`, [{ name: 'id', value: { longValue: 2 } }]);

    expect(updated.numberOfRecordsUpdated).toBe(2);
    expect(returned.records).toEqual([[{ longValue: 2 }, { stringValue: 'GADGET' }]]);
  });

  it('leaves placeholders inside literals, identifiers, comments and casts alone', async () => {
    const output = await run(`SELECT ':name' AS "a:b", :name::text AS cast_name, $$:name$$ AS dollar /* :name */ -- :name`, [{ name: 'name', value: { stringValue: 'x' } }]);

    expect(output.records).toEqual([[{ stringValue: ':name' }, { stringValue: 'x' }, { stringValue: ':name' }]]);
  });

  it('upserts with ON CONFLICT as the reporting workflow does', async () => {
    const upsert = `INSERT INTO ${items} (id, name, price) VALUES (:id, :name, :price)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, price = EXCLUDED.price`;
    await run(upsert, [{ name: 'id', value: { longValue: 10 } }, { name: 'name', value: { stringValue: 'first' } }, { name: 'price', value: { stringValue: '1.00' }, typeHint: 'DECIMAL' }]);

    const second = await run(upsert, [{ name: 'id', value: { longValue: 10 } }, { name: 'name', value: { stringValue: 'second' } }, { name: 'price', value: { stringValue: '2.50' }, typeHint: 'DECIMAL' }]);
    const row = await run(`SELECT name, price FROM ${items} WHERE id = 10`);

    expect(second.numberOfRecordsUpdated).toBe(1);
    expect(row.records).toEqual([[{ stringValue: 'second' }, { stringValue: '2.50' }]]);
  });

  it('maps each database to a schema of that name', async () => {
    const otherDatabase = `${DATABASE}_other`;
    const shared = tableName('per_db');
    await run(`CREATE TABLE ${shared} (v text)`);
    await run(`INSERT INTO ${shared} VALUES ('exec db')`);
    await execute(client, CLUSTER, `CREATE TABLE ${shared} (v text)`, [], { database: otherDatabase });
    await execute(client, CLUSTER, `INSERT INTO ${shared} VALUES ('other db')`, [], { database: otherDatabase });

    const mine = await run(`SELECT v FROM ${shared}`);
    const theirs = await execute(client, CLUSTER, `SELECT v FROM ${shared}`, [], { database: otherDatabase });
    const qualified = await execute(client, CLUSTER, `SELECT v FROM ${otherDatabase}.${shared}`);

    expect(mine.records).toEqual([[{ stringValue: 'exec db' }]]);
    expect(theirs.records).toEqual([[{ stringValue: 'other db' }]]);
    expect(qualified.records).toEqual([[{ stringValue: 'other db' }]]);
  });

  it('runs a script of several statements when it has no parameters', async () => {
    const scripted = tableName('script');

    const output = await run(`CREATE TABLE ${scripted} (v int); INSERT INTO ${scripted} VALUES (1), (2); SELECT count(*) AS n FROM ${scripted}`);

    expect(output.records).toEqual([[{ longValue: 2 }]]);
  });

  it('answers UnsupportedResultException for a reg* column', async () => {
    const error = await rejection(run(`SELECT 'int4'::regtype AS t`));

    expect(error.name).toBe('UnsupportedResultException');
    expect(error.message).toBe('The result contains the unsupported data type regtype.');
  });
});
