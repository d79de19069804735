// Drives a tRPC procedure over real HTTP through keep-alive connections, one request per caller.
import http from "node:http";
import { classifyTrpcReply, EXPECTED_OUTCOMES } from "../outcomes";
import { runClosedLoop, type Attempt } from "./closed-loop";
import type { HttpLoadJob, LoadResult } from "./protocol";

/**
 * One keep-alive pool per origin and concurrency, kept across jobs: the warm-up opens the
 * connections and the measured runs reuse them, as a CDN or load balancer in front of the app
 * would. Opening 200 connections in the same millisecond to one busy Node process makes some of
 * them wait for TCP's one-second SYN retransmit — a cost of the bench's burst, not of the app.
 */
const agents = new Map<string, http.Agent>();

function agentFor(job: HttpLoadJob): http.Agent {
  const key = `${job.origin} ${job.concurrency}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
    agents.set(key, agent);
  }
  return agent;
}

export function closeHttpAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export async function runHttpLoad(job: HttpLoadJob): Promise<LoadResult> {
  const origin = new URL(job.origin);
  const agent = agentFor(job);
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

  return runClosedLoop(job.callers.length, job.concurrency, send);
}
