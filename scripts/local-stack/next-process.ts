// Runs the app's server as a child with prefixed output; it never outlives this process.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { prefixedLogger } from "./log";

/** The `next` CLI (`next dev`, `next build`). */
export function spawnNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawnLogged("next", args, env);
}

/** `npm start`'s server (scripts/start.ts): the production build behind the peer-address stamp. */
export function spawnProductionServer(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawnLogged("tsx", [path.join(process.cwd(), "scripts/start.ts"), ...args], env);
}

function spawnLogged(binary: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(path.join(process.cwd(), "node_modules/.bin", binary), args, {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  const log = prefixedLogger("next");
  child.stdout?.on("data", (chunk: Buffer) => log(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log(chunk.toString()));
  process.once("exit", () => child.kill("SIGTERM"));
  return child;
}

/** Runs `once` at most once, however many signals and exits ask for it. */
export function once<Args extends unknown[]>(fn: (...args: Args) => Promise<void>) {
  let running: Promise<void> | undefined;
  return (...args: Args) => (running ??= fn(...args));
}
