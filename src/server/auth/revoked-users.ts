// Shoppers whose session outlived their account (deleted from Postgres while a session cookie is
// still valid). Sessions are JWTs read without a database lookup, so the order path, which is the
// first to notice, adds the user here; every protected procedure then refuses that session.
// The set lives in Redis for all instances; each instance reads it at most once a second, in the
// background: a request waits only for the first read, and never longer than FIRST_READ_WAIT_MS,
// so a slow or absent Redis does not hold up every signed-in request.
import type { Redis } from "@upstash/redis";
import type { Logger } from "~/server/logger";

const REFRESH_MS = 1_000;
const FIRST_READ_WAIT_MS = 300;

export function createRevokedUsers(deps: { redis: Redis; namespace: string; logger: Logger; now?: () => number }) {
  const key = `${deps.namespace}:revoked-users`;
  const now = deps.now ?? Date.now;
  let known = new Set<string>();
  let freshUntil = 0;
  let loaded = false;
  let refreshing: Promise<void> | null = null;

  function refresh(): Promise<void> {
    refreshing ??= deps.redis
      .smembers(key)
      .then(
        (members) => {
          known = new Set(members.map(String));
          freshUntil = now() + REFRESH_MS;
          loaded = true;
        },
        (error: unknown) => {
          // An unreadable list keeps the last one known: refusing every shopper would stop the sale.
          freshUntil = now() + REFRESH_MS;
          deps.logger.warn("auth.revoked_users_unreadable", {
            message: error instanceof Error ? error.message : String(error),
          });
        },
      )
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  return {
    async isRevoked(userId: string): Promise<boolean> {
      if (now() >= freshUntil) {
        const reading = refresh();
        if (!loaded) await Promise.race([reading, sleep(FIRST_READ_WAIT_MS)]);
      }
      return known.has(userId);
    },
    async revoke(userId: string): Promise<void> {
      await deps.redis.sadd(key, userId);
      known.add(userId);
    },
  };
}

export type RevokedUsers = ReturnType<typeof createRevokedUsers>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
