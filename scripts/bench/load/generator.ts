// The load generator process: forked by the bench runner, runs one job at a time on request.
import type { FromGenerator, LoadJob, ToGenerator } from "./protocol";
import { closeHttpAgents, runHttpLoad } from "./http-load";
import { runScriptLoad } from "./script-load";
import { runSqlLoad } from "./sql-load";

if (!process.send) throw new Error("the load generator runs as a child of scripts/bench.ts (npm run bench)");

const reply = (message: FromGenerator) => process.send!(message);
const run = (job: LoadJob) =>
  job.kind === "http" ? runHttpLoad(job) : job.kind === "script" ? runScriptLoad(job) : runSqlLoad(job);

process.on("message", (message: ToGenerator) => {
  if ("stop" in message) {
    closeHttpAgents();
    process.disconnect();
    return;
  }
  run(message.job).then(
    (result) => reply({ id: message.id, result }),
    (error: unknown) =>
      reply({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
