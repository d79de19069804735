// Drives a tRPC procedure over real HTTP through keep-alive connections, one request per caller.
import http from "node:http";
import { classifyTrpcReply, EXPECTED_OUTCOMES } from "../outcomes";
import { runClosedLoop, type Attempt } from "./closed-loop";
import type { HttpLoadJob, LoadResult } from "./protocol";

export async function runHttpLoad(job: HttpLoadJob): Promise<LoadResult> {
  const origin = new URL(job.origin);
  // One socket per worker, kept open between its requests, as a fleet of browsers would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const body = Buffer.from(job.body);
  const common = { ...job.headers, "content-type": "application/json", "content-length": String(body.length) };

  const send = (index: number) =>
    new Promise<Attempt>((resolve, reject) => {
      const caller = job.callers[index]!;
      const request = http.request(
        {
          host: origin.hostname,
          port: origin.port,
          path: job.path,
          method: "POST",
          agent,
          headers: { ...common, cookie: caller.cookie, "x-forwarded-for": caller.ip },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const outcome = classifyTrpcReply(response.statusCode ?? 0, text);
            const expected = (EXPECTED_OUTCOMES as readonly string[]).includes(outcome);
            resolve(expected ? { outcome } : { outcome, detail: text.slice(0, 300) });
          });
        },
      );
      request.on("error", reject);
      request.end(body);
    });

  try {
    return await runClosedLoop(job.callers.length, job.concurrency, send);
  } finally {
    agent.destroy();
  }
}
