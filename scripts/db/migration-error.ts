// The ways a migration run can refuse or fail, each with the migrations it concerns, so the CLI
// can print a precise message and tests can tell the cases apart.
export type MigrationErrorCode =
  | "PROVIDER_MISMATCH"
  | "MISSING_SCRIPT"
  | "LOCK_TIMEOUT"
  | "SCHEMA_NOT_EMPTY"
  | "FAILED_MIGRATION_FOUND"
  | "CHECKSUM_MISMATCH"
  | "MIGRATION_FAILED";

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migrationNames: string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "MigrationError";
  }
}
