// Drift check: does the database the migrations built match what schema.prisma declares?
// Answers with one readable line per difference, so a failing check says what to migrate.
import type pg from "pg";
import { introspectDatabase } from "./introspect";
import { getDatamodel } from "./prisma-schema-wasm";
import {
  shapeFromDatamodel,
  type ColumnShape,
  type DatabaseShape,
  type ForeignKeyShape,
  type IndexShape,
} from "./schema-shape";

const list = (values: string[]) => values.join(", ");
const describeColumn = (c: ColumnShape) =>
  `${c.type} ${c.nullable ? "NULL" : "NOT NULL"}${c.default === null ? "" : ` DEFAULT ${c.default}`}`;
const describeIndex = (i: IndexShape) => `${i.unique ? "unique " : ""}(${list(i.columns)})`;
const describeForeignKey = (fk: ForeignKeyShape) =>
  `REFERENCES "${fk.referencedTable}"(${list(fk.referencedColumns)}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;

function diffKeys<T>(
  expected: Record<string, T>,
  actual: Record<string, T>,
  onMissing: (name: string, value: T) => void,
  onExtra: (name: string, value: T) => void,
  onBoth: (name: string, expected: T, actual: T) => void,
) {
  for (const [name, value] of Object.entries(expected)) {
    const found = actual[name];
    if (found === undefined) onMissing(name, value);
    else onBoth(name, value, found);
  }
  for (const [name, value] of Object.entries(actual)) if (!(name in expected)) onExtra(name, value);
}

/** Differences between the declared shape (schema.prisma) and the actual one (database). */
export function diffShapes(expected: DatabaseShape, actual: DatabaseShape): string[] {
  const problems: string[] = [];
  const report = (line: string) => problems.push(line);

  diffKeys(
    expected.enums,
    actual.enums,
    (name, values) => report(`enum "${name}": missing in the database (schema: ${list(values)})`),
    (name) => report(`enum "${name}": exists in the database but not in schema.prisma`),
    (name, want, have) => {
      if (list(want) !== list(have))
        report(`enum "${name}": values differ (schema: ${list(want)}; database: ${list(have)})`);
    },
  );

  diffKeys(
    expected.tables,
    actual.tables,
    (name) => report(`table "${name}": missing in the database`),
    (name) => report(`table "${name}": exists in the database but no model maps to it`),
    (table, want, have) => {
      diffKeys(
        want.columns,
        have.columns,
        (column, c) => report(`column "${table}"."${column}": missing in the database (schema: ${describeColumn(c)})`),
        (column, c) =>
          report(`column "${table}"."${column}": in the database (${describeColumn(c)}) but not in schema.prisma`),
        (column, w, h) => {
          if (describeColumn(w) !== describeColumn(h))
            report(
              `column "${table}"."${column}": schema says ${describeColumn(w)}; database has ${describeColumn(h)}`,
            );
        },
      );

      const pk = (p: typeof want.primaryKey) => (p ? `"${p.name}" (${list(p.columns)})` : "none");
      if (pk(want.primaryKey) !== pk(have.primaryKey))
        report(`primary key of "${table}": schema says ${pk(want.primaryKey)}; database has ${pk(have.primaryKey)}`);

      diffKeys(
        want.indexes,
        have.indexes,
        (index, i) => report(`index "${index}" on "${table}": missing in the database (schema: ${describeIndex(i)})`),
        (index, i) =>
          report(`index "${index}" on "${table}": in the database ${describeIndex(i)} but not in schema.prisma`),
        (index, w, h) => {
          if (describeIndex(w) !== describeIndex(h))
            report(`index "${index}" on "${table}": schema says ${describeIndex(w)}; database has ${describeIndex(h)}`);
        },
      );

      const byColumns = (fks: ForeignKeyShape[]) => Object.fromEntries(fks.map((fk) => [list(fk.columns), fk]));
      diffKeys(
        byColumns(want.foreignKeys),
        byColumns(have.foreignKeys),
        (cols, fk) =>
          report(`foreign key "${table}"(${cols}): missing in the database (schema: ${describeForeignKey(fk)})`),
        (cols, fk) =>
          report(
            `foreign key "${table}"(${cols}): in the database (${describeForeignKey(fk)}) but not in schema.prisma`,
          ),
        (cols, w, h) => {
          if (describeForeignKey(w) !== describeForeignKey(h))
            report(
              `foreign key "${table}"(${cols}): schema says ${describeForeignKey(w)}; database has ${describeForeignKey(h)}`,
            );
        },
      );
    },
  );
  return problems;
}

/** Compares a Prisma schema (its text) with the database behind `client`. Empty means no drift. */
export async function findSchemaDrift(
  client: pg.ClientBase,
  schemaText: string,
  dbSchema = "public",
): Promise<string[]> {
  const expected = shapeFromDatamodel(getDatamodel(schemaText));
  return diffShapes(expected, await introspectDatabase(client, dbSchema));
}
