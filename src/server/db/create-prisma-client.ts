// Builds a Prisma client on the node-postgres driver adapter (Prisma 7 talks to the database
// through `pg`, no query engine binary). Free of `~/env` so scripts and tests can pass any URL.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/client";

/**
 * Connections per process. Serverless instances each hold their own pool, so this stays small;
 * the flash-sale hot path runs in Redis and only persisted orders reach PostgreSQL.
 */
export const DEFAULT_POOL_SIZE = 10;

export interface PrismaClientOptions {
  poolSize?: number;
  log?: Prisma.LogLevel[];
}

export function createPrismaClient(connectionString: string, options: PrismaClientOptions = {}) {
  // `?schema=` is how Prisma URLs pick a PostgreSQL schema; pg itself does not understand it.
  const url = new URL(connectionString);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  const adapter = new PrismaPg(
    {
      connectionString: url.toString(),
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      // Fail a request instead of queueing forever when every connection is busy or the server is gone.
      connectionTimeoutMillis: 5_000,
    },
    schema ? { schema } : undefined,
  );
  return new PrismaClient({ adapter, log: options.log ?? ["error"] });
}

export type DatabaseClient = ReturnType<typeof createPrismaClient>;
