// /v2/schedules: create (POST /v2/schedules/<destination> with Upstash-Cron), list, get, delete,
// pause/resume — plus POST /v2/schedules/<id>/trigger, a local extension that fires a schedule now.
import { DEFAULT_RETRIES, type QStashContext } from "./context";
import { parseCron } from "./cron";
import { HttpError } from "./http-util";
import { parseDeliveryOptions, parseDestination, type HeaderBag } from "./publish";
import type { RouteAnswer } from "./routes-admin";

export interface ScheduleRequest {
  method: string;
  /** Path after /v2/schedules/, undecoded (a destination URL when creating). */
  rest: string;
  headers: HeaderBag;
  body: Buffer;
  callerIp: string;
}

function createSchedule(context: QStashContext, request: ScheduleRequest): RouteAnswer {
  const url = parseDestination(request.rest);
  if (!url) throw new HttpError(400, `invalid schedule destination "${request.rest}"`);
  const cron = request.headers.get("upstash-cron");
  if (!cron) throw new HttpError(400, "Upstash-Cron header is required");
  const spec = parseCron(cron);
  if (typeof spec === "string") throw new HttpError(400, `invalid Upstash-Cron: ${spec}`);
  const options = parseDeliveryOptions(request.headers, DEFAULT_RETRIES);
  if (typeof options === "string") throw new HttpError(400, options);
  const scheduleId = context.schedules.upsert({
    scheduleId: request.headers.get("upstash-schedule-id"),
    cron,
    spec,
    destination: url,
    body: request.body,
    options,
    callerIp: request.callerIp,
  });
  return { status: 200, body: { scheduleId } };
}

export function schedulesRoute(context: QStashContext, request: ScheduleRequest): RouteAnswer {
  const { schedules } = context;
  const { method, rest } = request;
  if (method === "POST" && /^https?(:|%3A)/i.test(rest)) return createSchedule(context, request);
  const path = rest.split("?")[0]!.replace(/\/$/, "");
  if (method === "GET" && path === "") return { status: 200, body: schedules.list() };

  const [id = "", action] = path.split("/").map(decodeURIComponent);
  if (!schedules.has(id)) throw new HttpError(404, `schedule ${id} not found`);
  if (method === "GET" && !action) return { status: 200, body: schedules.view(id) };
  if (method === "DELETE" && !action) {
    schedules.remove(id);
    return { status: 200 };
  }
  if (method === "PATCH" && (action === "pause" || action === "resume")) {
    schedules.setPaused(id, action === "pause");
    return { status: 200 };
  }
  if (method === "POST" && action === "trigger") return { status: 200, body: { messageId: schedules.trigger(id) } };
  throw new HttpError(405, `${method} /v2/schedules/${rest} is not supported by the local QStash`);
}
