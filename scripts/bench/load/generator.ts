// The load generator process: forked by the bench runner, runs one job at a time on request.
import type { FromGenerator, LoadJob, ToGenerator } from "./protocol";
import { runHttpLoad } from "./http-load";
import { runScriptLoad } from "./script-load";

if (!process.send) throw new Error("the load generator runs as a child of scripts/bench/run.ts");

const reply = (message: FromGenerator) => process.send!(message);
const run = (job: LoadJob) => (job.kind === "http" ? runHttpLoad(job) : runScriptLoad(job));

process.on("message", (message: ToGenerator) => {
  if ("stop" in message) {
    process.disconnect();
    return;
  }
  run(message.job).then(
    (result) => reply({ id: message.id, result }),
    (error: unknown) =>
      reply({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
