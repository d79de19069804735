import { describe, expect, test } from "vitest";
import { normaliseDefault } from "./introspect";
import { getDatamodel } from "./prisma-schema-wasm";
import { diffShapes } from "./schema-drift";
import { defaultConstraintName, shapeFromDatamodel } from "./schema-shape";

const datasource = 'datasource db {\n  provider = "postgresql"\n}\n';

describe("reading schema.prisma offline", () => {
  test("rejects an invalid schema with Prisma's own validation message", () => {
    expect(() => getDatamodel(`${datasource}model Broken {\n  id Int @id\n  owner Nope\n}\n`)).toThrow(
      /Type "Nope" is neither a built-in type, nor refers to another model/,
    );
  });

  test("turns a data model into the PostgreSQL objects Prisma would create", () => {
    const shape = shapeFromDatamodel(
      getDatamodel(`${datasource}
enum Tier {
  FREE
  PRO @map("pro")
  @@map("tier")
}
model Shop {
  id       Int      @id @default(autoincrement())
  name     String   @map("shop_name") @db.VarChar(80)
  tier     Tier     @default(FREE)
  openedAt DateTime @default(now())
  items    Item[]
  @@map("shops")
}
model Item {
  shopId  Int
  sku     String
  price   Decimal  @default(0.5)
  note    String?  @default("it's")
  shop    Shop     @relation(fields: [shopId], references: [id])
  @@id([shopId, sku])
  @@index([price(sort: Desc)])
}
`),
    );
    expect(shape.enums).toEqual({ tier: ["FREE", "pro"] });
    expect(shape.tables.shops).toEqual({
      columns: {
        id: { type: "integer", nullable: false, default: "autoincrement" },
        shop_name: { type: "character varying(80)", nullable: false, default: null },
        tier: { type: "tier", nullable: false, default: "'FREE'" },
        openedAt: { type: "timestamp(3) without time zone", nullable: false, default: "CURRENT_TIMESTAMP" },
      },
      primaryKey: { name: "shops_pkey", columns: ["id"] },
      indexes: {},
      foreignKeys: [],
    });
    expect(shape.tables.Item).toEqual({
      columns: {
        shopId: { type: "integer", nullable: false, default: null },
        sku: { type: "text", nullable: false, default: null },
        price: { type: "numeric(65,30)", nullable: false, default: "0.5" },
        note: { type: "text", nullable: true, default: "'it''s'" },
      },
      primaryKey: { name: "Item_pkey", columns: ["shopId", "sku"] },
      indexes: { Item_price_idx: { unique: false, columns: ["price DESC"] } },
      foreignKeys: [
        {
          columns: ["shopId"],
          referencedTable: "shops",
          referencedColumns: ["id"],
          onDelete: "Restrict",
          onUpdate: "Cascade",
        },
      ],
    });
  });

  test("cuts default names to PostgreSQL's 63 characters like Prisma", () => {
    const name = defaultConstraintName("Table", ["a".repeat(40), "b".repeat(40)], "idx");
    expect(name).toHaveLength(63);
    expect(name.endsWith("_idx")).toBe(true);
    expect(defaultConstraintName("Order", ["saleId", "userId"], "key")).toBe("Order_saleId_userId_key");
  });
});

describe("normalising database defaults", () => {
  test.each([
    [`'SHOPPER'::"Role"`, "'SHOPPER'"],
    ["'-1'::integer", "-1"],
    ["'it''s'::text", "'it''s'"],
    [`nextval('"shops_id_seq"'::regclass)`, "autoincrement"],
    ["CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"],
    ["gen_random_uuid()", "gen_random_uuid()"],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(normaliseDefault(input)).toBe(expected);
  });
});

describe("comparing shapes", () => {
  test("reports each difference on its own line", () => {
    const expected = shapeFromDatamodel(getDatamodel(`${datasource}model A {\n  id Int @id\n  b String\n}\n`));
    const actual = shapeFromDatamodel(getDatamodel(`${datasource}model A {\n  id Int @id\n  c Int?\n}\n`));
    expect(diffShapes(expected, expected)).toEqual([]);
    expect(diffShapes(expected, actual)).toEqual([
      'column "A"."b": missing in the database (schema: text NOT NULL)',
      'column "A"."c": in the database (integer NULL) but not in schema.prisma',
    ]);
  });
});
