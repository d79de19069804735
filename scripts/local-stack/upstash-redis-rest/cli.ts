// Runs the local Upstash Redis REST server on its own, in front of an already running redis-server:
//   REDIS_URL=redis://127.0.0.1:6379 UPSTASH_REDIS_REST_TOKEN=secret PORT=8079 npx tsx scripts/local-stack/upstash-redis-rest/cli.ts
import { z } from "zod";
import { startUpstashRedisRest } from "./server";

const cliEnv = z
  .object({
    REDIS_URL: z.string().startsWith("redis://").default("redis://127.0.0.1:6379"),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1, "set UPSTASH_REDIS_REST_TOKEN to the token clients will send"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(8079),
    HOST: z.string().default("127.0.0.1"),
  })
  .safeParse(process.env);

if (!cliEnv.success) {
  console.error(`Invalid environment:\n${z.prettifyError(cliEnv.error)}`);
  process.exit(1);
}

const { REDIS_URL, UPSTASH_REDIS_REST_TOKEN, PORT, HOST } = cliEnv.data;

try {
  const server = await startUpstashRedisRest({
    redisUrl: REDIS_URL,
    token: UPSTASH_REDIS_REST_TOKEN,
    port: PORT,
    host: HOST,
    onLog: (line) => console.log(line),
  });
  const shutdown = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
