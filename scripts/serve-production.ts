// Serves the production build on a throwaway local stack for the Playwright suite (its webServer),
// building first when no build exists (see ./local-stack/production-server.ts).
// Usage: tsx scripts/serve-production.ts [--port 3100] [--second-port 3101]
// --second-port serves the same build a second time on one stack (two instances, one Redis).
import { parseArgs } from "node:util";
import { serveProductionBuild } from "./local-stack/production-server";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3100" }, "second-port": { type: "string" } },
});

serveProductionBuild({
  root: process.cwd(),
  port: Number(values.port),
  secondPort: values["second-port"] ? Number(values["second-port"]) : undefined,
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
