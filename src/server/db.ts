// The app's Prisma client, built once from env.DATABASE_URL. In development the instance is kept
// on globalThis so hot reloads reuse its connection pool instead of opening a new one each time.
import { env } from "~/env";
import { createPrismaClient, type DatabaseClient } from "./db/create-prisma-client";

export { createPrismaClient, DEFAULT_POOL_SIZE, type DatabaseClient } from "./db/create-prisma-client";
export { OrderStatus, Prisma, Role, SaleState } from "./db/generated/client";
export type {
  Account,
  AuditLog,
  Authenticator,
  Order,
  Sale,
  Session,
  User,
  VerificationToken,
} from "./db/generated/client";

const globalForDb = globalThis as unknown as { stampedeDb?: DatabaseClient };

export const db: DatabaseClient =
  globalForDb.stampedeDb ??
  createPrismaClient(env.DATABASE_URL, { log: env.NODE_ENV === "development" ? ["warn", "error"] : ["error"] });

if (env.NODE_ENV !== "production") globalForDb.stampedeDb = db;
