// Runs the local QStash on its own: `npx tsx scripts/local-stack/qstash/cli.ts`.
// Env: QSTASH_TOKEN, QSTASH_CURRENT_SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY (default: Upstash's published
// development credentials), PORT (default 8080), QSTASH_RETRY_BASE_DELAY_MS (default 200).
import { z } from "zod";
import { PortInUseError } from "../ports";
import { startLocalQStash } from "./server";

const DEV_TOKEN = "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=";
const DEV_CURRENT_SIGNING_KEY = "sig_7RvLjqfZBvP5KEUimQCE1pvpLuou";
const DEV_NEXT_SIGNING_KEY = "sig_7W3ZNbfKWk5NWwEs3U4ixuQ7fxwE";

const envSchema = z.object({
  QSTASH_TOKEN: z.string().min(1).default(DEV_TOKEN),
  QSTASH_CURRENT_SIGNING_KEY: z.string().min(1).default(DEV_CURRENT_SIGNING_KEY),
  QSTASH_NEXT_SIGNING_KEY: z.string().min(1).default(DEV_NEXT_SIGNING_KEY),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  QSTASH_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(0).default(200),
});

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(`[qstash] invalid environment:\n${z.prettifyError(parsed.error)}`);
    process.exit(1);
  }
  const env = parsed.data;
  let running;
  try {
    running = await startLocalQStash({
      token: env.QSTASH_TOKEN,
      currentSigningKey: env.QSTASH_CURRENT_SIGNING_KEY,
      nextSigningKey: env.QSTASH_NEXT_SIGNING_KEY,
      port: env.PORT,
      retryBaseDelayMs: env.QSTASH_RETRY_BASE_DELAY_MS,
      onLog: (line) => console.log(`[qstash] ${line}`),
    });
  } catch (error) {
    console.error(`[qstash] ${error instanceof PortInUseError ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`[qstash] set QSTASH_URL=${running.url} in your env`);

  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main();
