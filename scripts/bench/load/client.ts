// The runner's handle on the load generator: fork it once, hand it jobs, await their results.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FromGenerator, LoadJob, LoadResult, ToGenerator } from "./protocol";

export interface LoadGenerator {
  pid: number;
  run(job: LoadJob): Promise<LoadResult>;
  stop(): Promise<void>;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  // Inherits tsx's loader from this process's execArgv, so the child runs the TypeScript directly.
  const child: ChildProcess = fork(fileURLToPath(new URL("./generator.ts", import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", reject);
  });
  const waiting = new Map<number, { resolve: (result: LoadResult) => void; reject: (error: Error) => void }>();
  child.on("message", (message: FromGenerator) => {
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if ("error" in message) pending.reject(new Error(`load generator: ${message.error}`));
    else pending.resolve(message.result);
  });
  child.once("exit", (code) => {
    for (const pending of waiting.values()) pending.reject(new Error(`load generator exited with code ${code}`));
    waiting.clear();
  });
  process.once("exit", () => child.kill());

  let nextId = 1;
  return {
    pid: child.pid!,
    run(job) {
      const id = nextId++;
      return new Promise<LoadResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, job } satisfies ToGenerator);
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ id: 0, stop: true } satisfies ToGenerator);
      }),
  };
}
