// `npm run qstash:schedules [-- --cron "*/2 * * * *" --older-than 30 --url https://… --dry-run]`
// Creates or updates this deployment's reconcile schedule in QStash. Safe to run again: the id is
// derived from the namespace, so a second run updates the one schedule (or leaves it alone).
// `--list` shows every reconcile schedule in the account; `--delete` removes this deployment's.
import { parseArgs } from "node:util";
import { loadProjectEnv } from "./local-stack/env-file";

loadProjectEnv(process.cwd(), process.env.NODE_ENV === "production" ? "production" : "development");
const { values } = parseArgs({
  options: {
    cron: { type: "string" },
    "older-than": { type: "string" },
    url: { type: "string" },
    list: { type: "boolean", default: false },
    delete: { type: "boolean", default: false },
    "dry-run": { type: "boolean", default: false },
  },
});

const {
  deployment: { namespace },
} = await import("~/server/deployment");
const { createQStashClient } = await import("~/server/qstash");
const schedules = await import("./deploy/reconcile-schedule");
const { deploymentScheduleConfig, describeSync, syncDeploymentSchedule } = await import("./deploy/sync-schedule");

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (values.list) {
  const found = await schedules.listReconcileSchedules(createQStashClient());
  console.table(found.map((s) => ({ id: s.scheduleId, cron: s.cron, destination: s.destination, paused: s.isPaused })));
} else if (values.delete) {
  const removed = await schedules.deleteReconcileSchedule(createQStashClient(), namespace);
  console.log(`${schedules.reconcileScheduleId(namespace)}: ${removed ? "deleted" : "did not exist"}`);
} else {
  const olderThan = values["older-than"] === undefined ? undefined : Number(values["older-than"]);
  if (olderThan !== undefined && !(Number.isInteger(olderThan) && olderThan >= 0)) {
    fail(`--older-than must be a whole number of seconds, got "${values["older-than"]}"`);
  }
  const options = { url: values.url, cron: values.cron, olderThanSeconds: olderThan };
  try {
    if (values["dry-run"]) {
      const config = deploymentScheduleConfig(options);
      console.log(`would sync ${schedules.reconcileScheduleId(config.namespace)}: ${describeSync(config)}`);
    } else {
      const result = await syncDeploymentSchedule(options);
      console.log(`${result.scheduleId} ${result.action}: ${result.description}`);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
