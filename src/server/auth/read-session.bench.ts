// How long reading a session costs per request, our way and Auth.js's ways. Prints µs per call.
// Usage: npx tsx src/server/auth/read-session.bench.ts [--iterations 10000]
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { Auth } from "@auth/core";
import { decode, getToken } from "@auth/core/jwt";
import { createPrismaClient } from "~/server/db/create-prisma-client";
import { createAuthConfig } from "./config";
import { createSessionReader, mintSessionToken } from "./session-token";

const { values } = parseArgs({ options: { iterations: { type: "string", default: "10000" } } });
const iterations = Number(values.iterations);
const secret = randomBytes(32).toString("base64url");
const user = { id: "bench-user", email: "bench@stampede.test", role: "SHOPPER" as const };
const { cookieName, value } = await mintSessionToken(user, secret);
const signedIn = new Headers({ cookie: `theme=dark; ${cookieName}=${value}`, "x-forwarded-proto": "http" });
const anonymous = new Headers({ cookie: "theme=dark", "x-forwarded-proto": "http" });

// Never queried: JWT sessions are read without the adapter. The URL only has to parse.
const db = createPrismaClient("postgresql://bench@127.0.0.1:1/unused");
const silent = { error: () => undefined, warn: () => undefined };
const authConfig = {
  ...createAuthConfig({
    env: { NODE_ENV: "test", AUTH_DEV_LOGIN: false, AUTH_SECRET: secret, ADMIN_EMAILS: [] },
    db,
    log: silent,
  }),
  basePath: "/api/auth",
};
const readSession = createSessionReader(secret);

async function measure(label: string, run: () => unknown) {
  const check = await run();
  if (check === null || check === undefined) throw new Error(`${label}: returned no session`);
  for (let i = 0; i < Math.min(1000, iterations); i++) await run();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  const micros = ((performance.now() - started) * 1000) / iterations;
  console.log(`${label.padEnd(58)} ${micros.toFixed(1).padStart(8)} µs/call`);
  return micros;
}

console.log(`session read, ${iterations} iterations each (node ${process.version})`);
await measure("readSession (jose, cached key) — signed in", () => readSession(signedIn));
await measure("readSession — anonymous (no session cookie)", async () => (await readSession(anonymous)) ?? "anonymous");
await measure("@auth/core/jwt decode (WebCrypto, key derived per call)", () =>
  decode({ token: value, secret, salt: cookieName }),
);
await measure("@auth/core/jwt getToken", () => getToken({ req: { headers: signedIn }, secret, secureCookie: false }));
await measure("Auth.js session endpoint (what auth() runs)", async () => {
  const response = await Auth(new Request("http://localhost/api/auth/session", { headers: signedIn }), authConfig);
  return response.json();
});
await db.$disconnect();
