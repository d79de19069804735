// The database shape a Prisma data model asks PostgreSQL for: tables, columns (as format_type()
// prints them), enums, primary keys, indexes and foreign keys, named the way Prisma names them.
// The drift check compares this with what the migrations actually built.
import type { Datamodel, DatamodelField } from "./prisma-schema-wasm";

export type ReferentialAction = "Cascade" | "Restrict" | "NoAction" | "SetNull" | "SetDefault";

export interface ColumnShape {
  type: string;
  nullable: boolean;
  /** Normalised default expression, null when the database supplies none. */
  default: string | null;
}

export interface IndexShape {
  unique: boolean;
  /** Column names in key order; descending keys end in " DESC". */
  columns: string[];
}

export interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: Record<string, IndexShape>;
  foreignKeys: ForeignKeyShape[];
}

export interface DatabaseShape {
  enums: Record<string, string[]>;
  tables: Record<string, TableShape>;
}

const POSTGRES_IDENTIFIER_MAX = 63;

/** Prisma's default constraint name: `<table>_<columns>_<suffix>`, cut to PostgreSQL's limit. */
export function defaultConstraintName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey") {
  const base = suffix === "pkey" ? table : `${table}_${columns.join("_")}`;
  return `${base.slice(0, POSTGRES_IDENTIFIER_MAX - suffix.length - 1)}_${suffix}`;
}

const nativeTypes: Record<string, (args: string[]) => string> = {
  Text: () => "text",
  VarChar: (a) => (a[0] ? `character varying(${a[0]})` : "character varying"),
  Char: (a) => `character(${a[0] ?? 1})`,
  Uuid: () => "uuid",
  Integer: () => "integer",
  SmallInt: () => "smallint",
  BigInt: () => "bigint",
  DoublePrecision: () => "double precision",
  Real: () => "real",
  Decimal: (a) => (a.length ? `numeric(${a.join(",")})` : "numeric"),
  Timestamp: (a) => `timestamp(${a[0] ?? 6}) without time zone`,
  Timestamptz: (a) => `timestamp(${a[0] ?? 6}) with time zone`,
  Date: () => "date",
  Time: (a) => `time(${a[0] ?? 6}) without time zone`,
  Timetz: (a) => `time(${a[0] ?? 6}) with time zone`,
  Json: () => "json",
  JsonB: () => "jsonb",
  Boolean: () => "boolean",
  ByteA: () => "bytea",
};

const scalarDefaults: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Boolean: "boolean",
  Json: "jsonb",
  Bytes: "bytea",
};

function columnType(field: DatamodelField, enumNames: Map<string, string>): string {
  let type: string | undefined;
  if (field.kind === "enum") type = enumNames.get(field.type) ?? field.type;
  else if (field.nativeType) type = nativeTypes[field.nativeType[0]]?.(field.nativeType[1]);
  else type = scalarDefaults[field.type];
  type ??= `unsupported:${field.type}${field.nativeType ? `@db.${field.nativeType[0]}` : ""}`;
  return field.isList ? `${type}[]` : type;
}

const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;

function columnDefault(field: DatamodelField): string | null {
  const value = field.default;
  if (value === undefined || field.isUpdatedAt) return null;
  if (typeof value === "object" && value !== null && "name" in value) {
    const call = value as { name: string; args: unknown[] };
    if (["cuid", "uuid", "ulid", "nanoid"].includes(call.name)) return null; // filled in by the client
    if (call.name === "now") return "CURRENT_TIMESTAMP";
    if (call.name === "autoincrement") return "autoincrement";
    if (call.name === "dbgenerated" && typeof call.args[0] === "string") return call.args[0];
  }
  // Enum values, text, JSON and date literals arrive as strings; big numbers too, and stay unquoted.
  if (typeof value === "string") return ["Decimal", "BigInt"].includes(field.type) ? value : quoteLiteral(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `unsupported:${JSON.stringify(value)}`;
}

/** The PostgreSQL objects `schema.prisma` declares, in the default (unnamed) database schema. */
export function shapeFromDatamodel(datamodel: Datamodel): DatabaseShape {
  const enumNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const tableOf = (model: string) => models.get(model)?.dbName ?? model;
  const columnOf = (model: string, field: string) =>
    models.get(model)?.fields.find((f) => f.name === field)?.dbName ?? field;

  const shape: DatabaseShape = { enums: {}, tables: {} };
  for (const e of datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  for (const model of datamodel.models) {
    const table = tableOf(model.name);
    const tableShape: TableShape = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: [] };
    for (const field of model.fields) {
      if (field.kind === "object") {
        const fromFields = field.relationFromFields ?? [];
        if (fromFields.length === 0) continue; // the other side of the relation holds the key
        tableShape.foreignKeys.push({
          columns: fromFields.map((f) => columnOf(model.name, f)),
          referencedTable: tableOf(field.type),
          referencedColumns: (field.relationToFields ?? []).map((f) => columnOf(field.type, f)),
          onDelete: (field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull")) as ReferentialAction,
          onUpdate: (field.relationOnUpdate ?? "Cascade") as ReferentialAction,
        });
        continue;
      }
      tableShape.columns[field.dbName ?? field.name] = {
        type: columnType(field, enumNames),
        nullable: !field.isRequired,
        default: columnDefault(field),
      };
    }
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => columnOf(model.name, f.name));
      if (index.type === "id") {
        tableShape.primaryKey = { name: index.dbName ?? defaultConstraintName(table, columns, "pkey"), columns };
        continue;
      }
      const unique = index.type === "unique";
      const name = index.dbName ?? defaultConstraintName(table, columns, unique ? "key" : "idx");
      const keyColumns = index.fields.map((f, i) => `${columns[i]}${f.sortOrder === "desc" ? " DESC" : ""}`);
      tableShape.indexes[name] = { unique, columns: keyColumns };
    }
    shape.tables[table] = tableShape;
  }
  return shape;
}
