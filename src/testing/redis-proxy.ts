// An Upstash REST endpoint in front of the real one, for tests that must see what the app sends
// Redis: it forwards and counts every request and the scripts in them, and can be told to stop
// forwarding and refuse everything (counting still) from a given moment, or answer every request
// only after `delayMs` (a slow Redis).
import { createRedisClient } from "~/server/redis";
import { serveRoutes } from "./serve-routes";

export async function redisProxy(upstream: { url: string; token: string }, options: { delayMs?: number } = {}) {
  let requests = 0;
  let scripts = 0;
  let refusing = false;
  const handle = async (request: Request) => {
    requests += 1;
    const body = await request.text();
    if (refusing) return Response.json({ error: "ERR refused by the test proxy" }, { status: 500 });
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const commands = (request.url.endsWith("/pipeline") ? JSON.parse(body) : [JSON.parse(body)]) as unknown[][];
    scripts += commands.filter((command) => String(command[0]).toLowerCase().startsWith("eval")).length;
    const answer = await fetch(`${upstream.url}${new URL(request.url).pathname}`, {
      method: "POST",
      headers: request.headers,
      body,
    });
    return new Response(await answer.arrayBuffer(), { status: answer.status, headers: answer.headers });
  };
  const routes = await serveRoutes({ "/": handle, "/pipeline": handle, "/multi-exec": handle });
  return {
    redis: createRedisClient(routes.url, upstream.token),
    requests: () => requests,
    scripts: () => scripts,
    refuseAll: () => {
      refusing = true;
    },
    close: () => routes.close(),
  };
}
