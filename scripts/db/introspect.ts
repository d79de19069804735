// Reads the shape of one PostgreSQL schema from pg_catalog, normalised to the same form as
// shapeFromDatamodel so the two can be compared field by field.
import type pg from "pg";
import type { DatabaseShape, ReferentialAction, TableShape } from "./schema-shape";

/** Tables that belong to the migration machinery, not to the data model. */
const IGNORED_TABLES = new Set(["_prisma_migrations"]);

const referentialActions: Record<string, ReferentialAction> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

/**
 * PostgreSQL prints literal defaults with a cast (`'SHOPPER'::"Role"`, `'-1'::integer`) and
 * sequences as nextval(); Prisma's view has neither, so both sides meet in the middle.
 */
export function normaliseDefault(expression: string | null): string | null {
  if (expression === null) return null;
  if (/^nextval\('.*'::regclass\)$/.test(expression)) return "autoincrement";
  const literal = /^('(?:[^']|'')*')::[\w\s."[\]()]+$/.exec(expression);
  if (!literal?.[1]) return expression;
  const quoted = literal[1];
  return /^'-?\d+(\.\d+)?'$/.test(quoted) ? quoted.slice(1, -1) : quoted;
}

const unquote = (type: string) => type.replaceAll('"', "");

export async function introspectDatabase(client: pg.ClientBase, schema = "public"): Promise<DatabaseShape> {
  const shape: DatabaseShape = { enums: {}, tables: {} };
  const tableFor = (name: string): TableShape =>
    (shape.tables[name] ??= { columns: {}, primaryKey: null, indexes: {}, foreignKeys: [] });

  const enums = await client.query<{ name: string; value: string }>(
    `SELECT t.typname AS name, e.enumlabel AS value
       FROM pg_type t
       JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1
      ORDER BY t.typname, e.enumsortorder`,
    [schema],
  );
  for (const row of enums.rows) (shape.enums[row.name] ??= []).push(row.value);

  const columns = await client.query<{
    table: string;
    column: string;
    type: string;
    notNull: boolean;
    default: string | null;
  }>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type",
            a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  for (const row of columns.rows) {
    if (IGNORED_TABLES.has(row.table)) continue;
    tableFor(row.table).columns[row.column] = {
      type: unquote(row.type),
      nullable: !row.notNull,
      default: normaliseDefault(row.default),
    };
  }

  const indexes = await client.query<{
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
    columns: string[];
  }>(
    `SELECT tbl.relname AS "table", idx.relname AS "name", ix.indisunique AS "unique", ix.indisprimary AS "primary",
            array(SELECT coalesce(a.attname::text, '(expression)') || CASE WHEN ix.indoption[k] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM generate_subscripts(ix.indkey, 1) AS k
                    LEFT JOIN pg_attribute a ON a.attrelid = tbl.oid AND a.attnum = ix.indkey[k]
                   ORDER BY k)::text[] AS "columns"
       FROM pg_index ix
       JOIN pg_class idx ON idx.oid = ix.indexrelid
       JOIN pg_class tbl ON tbl.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = tbl.relnamespace
      WHERE n.nspname = $1 AND tbl.relkind IN ('r', 'p')`,
    [schema],
  );
  for (const row of indexes.rows) {
    if (IGNORED_TABLES.has(row.table)) continue;
    const table = tableFor(row.table);
    if (row.primary) table.primaryKey = { name: row.name, columns: row.columns };
    else table.indexes[row.name] = { unique: row.unique, columns: row.columns };
  }

  const foreignKeys = await client.query<{
    table: string;
    columns: string[];
    referencedTable: string;
    referencedColumns: string[];
    onDelete: string;
    onUpdate: string;
  }>(
    `SELECT tbl.relname AS "table", ref.relname AS "referencedTable",
            array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "columns",
            array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "referencedColumns",
            con.confdeltype AS "onDelete", con.confupdtype AS "onUpdate"
       FROM pg_constraint con
       JOIN pg_class tbl ON tbl.oid = con.conrelid
       JOIN pg_class ref ON ref.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = tbl.relnamespace
      WHERE con.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  for (const row of foreignKeys.rows) {
    if (IGNORED_TABLES.has(row.table)) continue;
    tableFor(row.table).foreignKeys.push({
      columns: row.columns,
      referencedTable: row.referencedTable,
      referencedColumns: row.referencedColumns,
      onDelete: referentialActions[row.onDelete] ?? "NoAction",
      onUpdate: referentialActions[row.onUpdate] ?? "NoAction",
    });
  }
  return shape;
}
