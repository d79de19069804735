// The HTTP side of the Upstash Redis REST protocol as @upstash/redis speaks it:
//   POST /            one command as a JSON array           → {"result":…} or 400 {"error":…}
//   POST /pipeline    an array of commands                  → 200 [{"result":…}|{"error":…}, …]
//   POST /multi-exec  the same, run as one MULTI/EXEC        → same shape; 400 when Redis aborts it
// Every request needs `Authorization: Bearer <token>`. (Hosted Upstash also takes path-style
// commands such as GET /get/key and `?_token=`; the client never sends them, so neither does this.)
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { commandAnswerJson, errorJson, resultToJson, type ResultEncoding } from "./json-reply";
import type { LuaScriptCompat } from "./lua-script-compat";
import { RedisUnavailableError, type RedisConnectionPool } from "./redis-connection-pool";
import {
  MalformedRequestError,
  parseCommand,
  parseCommandList,
  prepareCommand,
  type PreparedCommand,
} from "./request-commands";
import { ErrorReply } from "./resp-encoding";

const MAX_BODY_BYTES = 32 * 1024 * 1024;

interface Answer {
  status: number;
  body: string;
}

export interface RestHandlerOptions {
  pool: RedisConnectionPool;
  token: string;
  scripts: LuaScriptCompat;
}

export function createRestHandler({ pool, token, scripts }: RestHandlerOptions) {
  const expectedTokenDigest = digest(token);
  const isAuthorized = (candidate: string | null | undefined) =>
    candidate != null && timingSafeEqual(digest(candidate), expectedTokenDigest);

  const prepare = (args: string[]) => prepareCommand(args, scripts);

  async function runSingle(args: string[], encoding: ResultEncoding): Promise<Answer> {
    const command = prepare(args);
    if (command.refusal) return { status: 400, body: errorJson(command.refusal) };
    const [reply = null] = await pool.send([command.args]);
    if (reply instanceof ErrorReply) return { status: 400, body: errorJson(reply.message) };
    return { status: 200, body: `{"result":${resultToJson(reply, encoding)}}` };
  }

  async function runPipeline(commandList: string[][], encoding: ResultEncoding): Promise<Answer> {
    const commands = commandList.map(prepare);
    const sendable = commands.filter((command) => !command.refusal);
    const replies = sendable.length > 0 ? await pool.send(sendable.map((command) => command.args)) : [];
    let next = 0;
    const parts = commands.map((command) =>
      command.refusal ? errorJson(command.refusal) : commandAnswerJson(replies[next++] ?? null, encoding),
    );
    return { status: 200, body: `[${parts.join(",")}]` };
  }

  async function runTransaction(commandList: string[][], encoding: ResultEncoding): Promise<Answer> {
    const commands = commandList.map(prepare);
    const refused = commands.find((command) => command.refusal);
    if (refused?.refusal) return { status: 400, body: errorJson(refused.refusal) };
    const replies = await pool.send([["MULTI"], ...commands.map((command) => command.args), ["EXEC"]]);
    const execReply = replies[replies.length - 1];
    if (!Array.isArray(execReply)) return { status: 400, body: errorJson(describeAbort(commands, replies)) };
    const parts = execReply.map((reply) => commandAnswerJson(reply, encoding));
    return { status: 200, body: `[${parts.join(",")}]` };
  }

  async function route(path: string, body: Buffer, encoding: ResultEncoding): Promise<Answer> {
    if (path === "/") return runSingle(parseCommand(parseJson(body)), encoding);
    if (path === "/pipeline") return runPipeline(parseCommandList(parseJson(body)), encoding);
    if (path === "/multi-exec") return runTransaction(parseCommandList(parseJson(body)), encoding);
    return { status: 404, body: errorJson(`ERR ${path} is not supported; POST to /, /pipeline or /multi-exec`) };
  }

  return function handleRestRequest(req: IncomingMessage, res: ServerResponse): void {
    const syncToken = req.headers["upstash-sync-token"];
    const send = ({ status, body }: Answer) => {
      const headers: OutgoingHttpHeaders = {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      };
      // The client echoes this back for read-your-writes; one Redis has nothing to sync, so mirror it.
      if (typeof syncToken === "string" && syncToken) headers["upstash-sync-token"] = syncToken;
      res.writeHead(status, headers).end(body);
    };

    if (req.method !== "POST") {
      req.resume();
      return send({ status: 405, body: errorJson("Method not allowed; use POST") });
    }
    if (!isAuthorized(bearerToken(req.headers.authorization))) {
      req.resume();
      return send({ status: 401, body: errorJson("Unauthorized") });
    }
    const url = req.url ?? "/";
    const queryStart = url.indexOf("?");
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const encoding: ResultEncoding =
      req.headers["upstash-encoding"]?.toString().toLowerCase() === "base64" ? "base64" : "utf8";

    readBody(req, (body) => {
      if (!body)
        return send({ status: 413, body: errorJson(`ERR request body is larger than ${MAX_BODY_BYTES} bytes`) });
      route(path, body, encoding).then(send, (error: unknown) => send(answerForFailure(error)));
    });
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header || header.length < 7 || header.slice(0, 7).toLowerCase() !== "bearer ") return undefined;
  return header.slice(7).trim();
}

function readBody(req: IncomingMessage, done: (body: Buffer | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on("end", () => done(size > MAX_BODY_BYTES ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) throw new MalformedRequestError("the request body is empty; send a JSON array");
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new MalformedRequestError(`the request body is not valid JSON (${(error as Error).message})`);
  }
}

function describeAbort(commands: PreparedCommand[], replies: unknown[]): string {
  const execReply = replies[replies.length - 1];
  const base = execReply instanceof ErrorReply ? execReply.message : "EXECABORT Transaction discarded";
  const failedIndex = replies.slice(1, -1).findIndex((reply) => reply instanceof ErrorReply);
  if (failedIndex === -1) return base;
  const failed = replies[failedIndex + 1] as ErrorReply;
  return `${base} Command ${failedIndex + 1} [ ${commands[failedIndex]?.args[0]} ] failed: ${failed.message}`;
}

function answerForFailure(error: unknown): Answer {
  if (error instanceof MalformedRequestError) return { status: 400, body: errorJson(error.message) };
  if (error instanceof RedisUnavailableError) return { status: 503, body: errorJson(`ERR ${error.message}`) };
  return { status: 500, body: errorJson(`ERR ${(error as Error)?.message ?? String(error)}`) };
}
