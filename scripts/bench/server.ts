// Builds and serves the production build for the bench: `next build` (unless told to reuse one),
// then `next start` on a free port with the bench's environment, its output kept in a log file.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface ProductionServer {
  url: string;
  /** The `next start` process; RSS is sampled over it and its descendants. */
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

const nextBin = (root: string) => path.join(root, "node_modules/next/dist/bin/next");

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Async on purpose: the REST and QStash stand-ins live in this process and must keep answering. */
export async function buildProduction(options: { root: string; env: NodeJS.ProcessEnv; logFile: string }) {
  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, [nextBin(options.root), "build"], {
    cwd: options.root,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise((resolve) => log.end(resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${tail(options.logFile)}`);
}

export function hasProductionBuild(root: string): boolean {
  return existsSync(path.join(root, ".next/BUILD_ID"));
}

export async function startProductionServer(options: {
  root: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** Flags for the server's node (e.g. --cpu-prof, which NODE_OPTIONS does not accept). */
  nodeArgs?: string[];
}): Promise<ProductionServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const log = createWriteStream(options.logFile);
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      nextBin(options.root),
      "start",
      "--port",
      String(options.port),
      "--hostname",
      "127.0.0.1",
      // Idle keep-alive connections survive the pauses between runs (Node's default closes them after 5 s).
      "--keepAliveTimeout",
      "120000",
    ],
    { cwd: options.root, env: options.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`next start exited with code ${child.exitCode}:\n${tail(options.logFile)}`);
    }
    const healthy = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not become healthy within 60 s:\n${tail(options.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    pid: child.pid!,
    logFile: options.logFile,
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode !== null) return;
      // SIGTERM lets Next exit normally, which is when V8 writes a requested CPU profile.
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}
