// Where `npm start` listens, read the way `next start` reads it: -p/--port or PORT (default 3000),
// -H/--hostname or HOSTNAME (default: every interface).
import { parseArgs } from "node:util";

export interface ListenOptions {
  port: number;
  hostname?: string;
}

export function listenOptionsFrom(args: string[], env: Record<string, string | undefined>): ListenOptions {
  const { values } = parseArgs({
    args,
    options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  });
  const portText = values.port ?? env.PORT ?? "3000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65_535) {
    throw new Error(`Invalid port "${portText}": use --port or PORT with a number from 1 to 65535.`);
  }
  const hostname = values.hostname ?? (env.HOSTNAME || undefined);
  return { port, hostname };
}
