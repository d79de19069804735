// Checksums of migration scripts, computed and compared exactly as Prisma Migrate does, so a
// history written by either tool verifies with the other.
import { createHash } from "node:crypto";

/** SHA-256 of the script as lower-case hex: the value Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether a script still matches its recorded checksum. Like Prisma, line endings do not count
 * (git may rewrite them on checkout), and old unpadded checksums are recognised.
 */
export function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant, "utf8").digest();
    const hex = recorded.length === 64 ? digest.toString("hex") : [...digest].map((b) => b.toString(16)).join("");
    return hex === recorded;
  });
}
