// Guards against a schema.prisma change that ships without its migration (or the reverse): the
// migrations are applied to a fresh database and the result is compared with the data model.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { introspectDatabase } from "./introspect";
import { applyMigrations } from "./migrations";
import { findSchemaDrift } from "./schema-drift";
import { startTestPostgres, type TestPostgres } from "./test-database";

let server: TestPostgres;
let client: pg.Client;
let schemaText: string;

beforeAll(async () => {
  server = await startTestPostgres();
  const url = await server.createDatabase("drift");
  await applyMigrations({ connectionString: url, migrationsDir: path.resolve("prisma/migrations") });
  client = new pg.Client({ connectionString: url });
  await client.connect();
  schemaText = await readFile(path.resolve("prisma/schema.prisma"), "utf8");
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

/** The schema with one edit; fails loudly if the text to replace is not there any more. */
function editedSchema(find: string | RegExp, replace: string): string {
  const edited = schemaText.replace(find, replace);
  expect(edited, `schema.prisma no longer contains ${String(find)}`).not.toBe(schemaText);
  return edited;
}

describe("schema drift", () => {
  test("the migrations build exactly what schema.prisma declares", async () => {
    const actual = await introspectDatabase(client);
    // The comparison only means something if the database really has the model's tables.
    expect(Object.keys(actual.tables).sort()).toEqual(
      [
        "Account",
        "AuditLog",
        "Authenticator",
        "CheckoutSession",
        "Order",
        "Payment",
        "PaymentEvent",
        "Sale",
        "SaleEntrant",
        "SaleReminder",
        "Session",
        "User",
        "VerificationToken",
      ].sort(),
    );
    expect(Object.keys(actual.enums).sort()).toEqual([
      "EntrantVia",
      "HoldKind",
      "OpeningMode",
      "OrderStatus",
      "PaymentStatus",
      "Role",
      "SaleState",
    ]);
    expect(await findSchemaDrift(client, schemaText)).toEqual([]);
  });

  test.each([
    {
      change: "a field added to a model",
      schema: () => editedSchema(/(\n  reservedAt +DateTime)/, "\n  giftNote String?$1"),
      reports: 'column "Order"."giftNote": missing in the database (schema: text NULL)',
    },
    {
      change: "a field removed from a model",
      schema: () => editedSchema(/\n  imageUrl +String\?/, ""),
      reports: 'column "Sale"."imageUrl": in the database (text NULL) but not in schema.prisma',
    },
    {
      change: "a changed native type",
      schema: () => editedSchema(/(currency +String +)@db\.Char\(3\)(\n  totalStock)/, "$1@db.VarChar(3)$2"),
      reports:
        'column "Sale"."currency": schema says character varying(3) NOT NULL; database has character(3) NOT NULL',
    },
    {
      change: "a new enum value",
      schema: () => editedSchema(/(\n  ARCHIVED\n)/, "$1  SOLD_OUT\n"),
      reports:
        'enum "SaleState": values differ (schema: DRAFT, PUBLISHED, PAUSED, ENDED, ARCHIVED, SOLD_OUT; database: DRAFT, PUBLISHED, PAUSED, ENDED, ARCHIVED)',
    },
    {
      change: "a new index",
      schema: () => editedSchema(/(\n  orders Order\[\]\n)(\})/, "$1\n  @@index([endsAt])\n$2"),
      reports: 'index "Sale_endsAt_idx" on "Sale": missing in the database (schema: (endsAt))',
    },
    {
      change: "a changed referential action",
      schema: () => editedSchema("onDelete: SetNull", "onDelete: Cascade"),
      reports:
        'foreign key "AuditLog"(actorId): schema says REFERENCES "User"(id) ON DELETE Cascade ON UPDATE Cascade; ' +
        'database has REFERENCES "User"(id) ON DELETE SetNull ON UPDATE Cascade',
    },
    {
      change: "a new model",
      schema: () => `${schemaText}\nmodel Wishlist {\n  id String @id @default(cuid())\n}\n`,
      reports: 'table "Wishlist": missing in the database',
    },
  ])("reports $change that has no migration", async ({ schema, reports }) => {
    expect(await findSchemaDrift(client, schema())).toContain(reports);
  });

  test("reports a database change that schema.prisma does not know about", async () => {
    await client.query("BEGIN"); // DDL is transactional: the change never leaves this test
    try {
      await client.query(`ALTER TABLE "Sale" ADD COLUMN "secretDiscount" INTEGER NOT NULL DEFAULT 0`);
      await client.query(`DROP INDEX "Order_saleId_createdAt_idx"`);
      expect(await findSchemaDrift(client, schemaText)).toEqual([
        'column "Sale"."secretDiscount": in the database (integer NOT NULL DEFAULT 0) but not in schema.prisma',
        'index "Order_saleId_createdAt_idx" on "Order": missing in the database (schema: (saleId, createdAt))',
      ]);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
