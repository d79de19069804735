import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { checksumMatches, MigrationError, migrationChecksum, readMigrationsDirectory } from "./migrations";
import { readLockfileProvider } from "./migrations-directory";

describe("migration checksums", () => {
  test("are the lower-case SHA-256 hex Prisma records", () => {
    // The vector from Prisma's own checksum tests.
    expect(migrationChecksum("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });

  test("match across LF and CRLF line endings, as git may rewrite them", () => {
    const scripts = ["ab\ncd\nef\ngh\rab\n", "ab\r\ncd\r\nef\r\ngh\rab\r\n"];
    for (const script of scripts)
      for (const other of scripts) expect(checksumMatches(script, migrationChecksum(other))).toBe(true);
  });

  test("do not match a different script", () => {
    expect(checksumMatches("abc", migrationChecksum("abcd"))).toBe(false);
    expect(checksumMatches("abc\n", migrationChecksum("abc"))).toBe(false);
  });

  test("accept the unpadded form old Prisma versions stored", () => {
    const script = "SELECT 1;";
    const unpadded = [...createHash("sha256").update(script).digest()].map((b) => b.toString(16)).join("");
    expect(unpadded.length).toBeLessThan(64); // this digest has bytes below 0x10, so padding matters
    expect(checksumMatches(script, unpadded)).toBe(true);
    expect(checksumMatches("SELECT 2;", unpadded)).toBe(false);
  });
});

describe("reading a migrations folder", () => {
  const tempDirs: string[] = [];
  afterAll(() => Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  async function folder(layout: Record<string, string | null>) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "stampede-migrations-"));
    tempDirs.push(dir);
    for (const [name, script] of Object.entries(layout)) {
      if (name.endsWith(".toml")) {
        await writeFile(path.join(dir, name), script ?? "");
        continue;
      }
      await mkdir(path.join(dir, name));
      if (script !== null) await writeFile(path.join(dir, name, "migration.sql"), script);
    }
    return dir;
  }

  test("lists migration folders in name order and ignores files", async () => {
    const dir = await folder({
      "20260102000000_second": "SELECT 2;",
      "20260101000000_first": "SELECT 1;",
      "migration_lock.toml": 'provider = "postgresql"\n',
    });
    const migrations = await readMigrationsDirectory(dir);
    expect(migrations).toEqual([
      { name: "20260101000000_first", script: "SELECT 1;" },
      { name: "20260102000000_second", script: "SELECT 2;" },
    ]);
    expect(await readLockfileProvider(dir)).toBe("postgresql");
  });

  test("names a migration folder that has no migration.sql", async () => {
    const dir = await folder({ "20260101000000_empty": null });
    const error = await readMigrationsDirectory(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe("MISSING_SCRIPT");
    expect((error as MigrationError).message).toContain("20260101000000_empty");
  });

  test("the repository's lock file is for PostgreSQL", async () => {
    expect(await readLockfileProvider(path.resolve("prisma/migrations"))).toBe("postgresql");
  });
});
