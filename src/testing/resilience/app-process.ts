// Runs scripts/test/app-process.ts — the real app code over HTTP — as a child process a test can
// SIGKILL and start again on the same port. One node process (tsx as a loader, not the tsx CLI,
// which would put a second process in between that a SIGKILL could not pass through).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import path from "node:path";
import { findFreePort } from "../../../scripts/local-stack/ports";
import type { ServiceTunings } from "~/server/services";

export interface AppProcessOptions {
  /** Every variable src/env.ts reads; APP_URL is set here to the process's own address. */
  env: NodeJS.ProcessEnv;
  tunings?: ServiceTunings;
  logFile: string;
}

const ENTRY = path.resolve("scripts/test/app-process.ts");
const READY_TIMEOUT_MS = 60_000;

export async function startAppProcess(options: AppProcessOptions) {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const log: WriteStream = createWriteStream(options.logFile, { flags: "a" });
  let child: ChildProcess | undefined;
  let starts = 0;

  async function spawnOne(): Promise<void> {
    starts += 1;
    log.write(`--- start #${starts} at ${new Date().toISOString()}\n`);
    const started = spawn(
      process.execPath,
      ["--import", "tsx", ENTRY, "--port", String(port), "--tunings", JSON.stringify(options.tunings ?? {})],
      {
        cwd: process.cwd(),
        // Only what it is given: never the suite's shared stack this test process inherited.
        env: { ...options.env, APP_URL: url },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child = started;
    started.stdout?.pipe(log, { end: false });
    started.stderr?.pipe(log, { end: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the app process was not ready within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes("app-process listening on")) return;
        clearTimeout(timer);
        started.stdout?.off("data", onData);
        resolve();
      };
      started.stdout?.on("data", onData);
      started.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the app process exited before it was ready (${signal ?? code}); see ${options.logFile}`));
      });
    });
  }

  function end(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      running.once("exit", () => resolve());
      running.kill(signal);
    });
  }

  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);
  await spawnOne();

  return {
    url,
    logFile: options.logFile,
    /** A crash: no shutdown, requests in flight are cut, background retries are lost. */
    kill: () => end("SIGKILL"),
    /** Starts it again on the same port; resolves once it serves. */
    restart: () => spawnOne(),
    /** The structured log lines written so far whose event is `event`. */
    events(event: string): Array<Record<string, unknown>> {
      return readFileSync(options.logFile, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("{") && line.includes(`"event":"${event}"`))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    async stop(): Promise<void> {
      process.off("exit", killOnExit);
      await end("SIGTERM");
      await new Promise((resolve) => log.end(resolve));
    },
  };
}

export type AppProcess = Awaited<ReturnType<typeof startAppProcess>>;
