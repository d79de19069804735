// The ceiling of the reservation itself: the reserve Lua script sent straight to redis-server with
// EVALSHA over one pipelined connection — no HTTP, no REST proxy, no framework.
import { Redis as IORedis } from "ioredis";
import { classifyScriptReply } from "../outcomes";
import { runClosedLoop } from "./closed-loop";
import type { LoadResult, ScriptLoadJob } from "./protocol";

export async function runScriptLoad(job: ScriptLoadJob): Promise<LoadResult> {
  const redis = new IORedis(job.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await redis.connect();
  try {
    const sha = (await redis.script("LOAD", job.script)) as string;
    return await runClosedLoop(job.userIds.length, job.concurrency, async (index) => {
      const reply = await redis.evalsha(sha, job.keys.length, ...job.keys, job.userIds[index]!, `rsv_script_${index}`);
      return { outcome: classifyScriptReply(reply) };
    });
  } finally {
    redis.disconnect();
  }
}
