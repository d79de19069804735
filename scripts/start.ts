// npm start: serves the production build (run `npm run build` first) like `next start`, and passes
// each request's socket address to the app for the per-address rate limit (see scripts/serve/).
// Usage: npm start [-- --port 3000 --hostname 0.0.0.0]   (or PORT / HOSTNAME)
import { listenOptionsFrom } from "./serve/listen-options";
import { startProductionServer } from "./serve/production-server";

async function main() {
  const listen = listenOptionsFrom(process.argv.slice(2), process.env);
  const server = await startProductionServer({ ...listen, dir: process.cwd() });
  const hops = process.env.TRUSTED_PROXY_HOPS;
  console.log(
    hops
      ? `ready on ${server.url}; client addresses from X-Forwarded-For behind ${hops} trusted proxies`
      : `ready on ${server.url}; client addresses from the socket (behind a reverse proxy, set TRUSTED_PROXY_HOPS)`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
