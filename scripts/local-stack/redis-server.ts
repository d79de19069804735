// Starts a real redis-server for the local stack. Installs it with apt-get when we are root on
// Debian/Ubuntu and it is missing; otherwise stops with the exact install command.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createConnection } from "node:net";
import path from "node:path";
import { assertPortFree, findFreePort } from "./ports";

export interface RunningRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Ends it as a crash would (SIGKILL: nothing saved); resolves once the port is free again. */
  kill(): Promise<void>;
}

export interface RedisServerOptions {
  port?: number;
  /** Folder for RDB/AOF files; omit for a memory-only server (tests). */
  dataDir?: string;
  onLog?: (line: string) => void;
}

function onPath(binary: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${binary}`], { stdio: "ignore" }).status === 0;
}

function installHint(): string {
  if (process.platform === "darwin") return "brew install redis";
  if (process.platform === "win32") return "use WSL and run: sudo apt-get install -y redis-server";
  if (existsSync("/etc/alpine-release")) return "apk add redis";
  if (existsSync("/etc/fedora-release") || existsSync("/etc/redhat-release")) return "sudo dnf install -y redis";
  return "sudo apt-get install -y redis-server";
}

function isDebianLike(): boolean {
  try {
    return /^ID(_LIKE)?=.*(debian|ubuntu)/m.test(readFileSync("/etc/os-release", "utf8"));
  } catch {
    return false;
  }
}

export function ensureRedisServerInstalled(log: (line: string) => void = console.log): void {
  if (onPath("redis-server")) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && isDebianLike()) {
    log("redis-server is not installed; installing it with apt-get (we are root on Debian/Ubuntu)…");
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "redis-server"], { stdio: "inherit" });
    if (update.status === 0 && install.status === 0 && onPath("redis-server")) return;
    throw new Error("Installing redis-server with apt-get failed; see the output above.");
  }
  throw new Error(`redis-server was not found on PATH. Install it with: ${installHint()}`);
}

function waitForPing(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (chunk) => {
        socket.destroy();
        if (chunk.toString().startsWith("+PONG")) resolve();
        else retry();
      });
      socket.once("error", () => {
        socket.destroy();
        retry();
      });
    };
    const retry = () => {
      if (Date.now() > deadline) reject(new Error(`redis-server did not answer on port ${port}`));
      else setTimeout(attempt, 25);
    };
    attempt();
  });
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RunningRedis> {
  ensureRedisServerInstalled(options.onLog);
  const port = options.port ?? (await findFreePort());
  if (options.port) await assertPortFree(port, "redis-server");

  const args = ["--port", String(port), "--bind", "127.0.0.1", "--protected-mode", "yes", "--loglevel", "warning"];
  if (options.dataDir) {
    const dir = path.resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    args.push("--dir", dir, "--appendonly", "yes", "--appendfsync", "everysec", "--save", "60 1");
  } else {
    args.push("--save", "", "--appendonly", "no");
  }

  const child: ChildProcess = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
  const forward = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim())
      .forEach((line) => options.onLog?.(line));
  // Whatever ends this process (Ctrl-C handlers of other libraries call process.exit early),
  // redis-server goes with it instead of lingering on its port.
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);

  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`redis-server exited early with code ${code}`))),
  );
  await Promise.race([waitForPing(port, 10_000), exited]);

  const endWith = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => endWith("SIGTERM"),
    kill: () => endWith("SIGKILL"),
  };
}
