// RESP2, the wire protocol of redis-server: encodes commands and incrementally parses replies.
// Replies keep bulk strings as raw bytes and keep status replies apart from bulk strings, because
// the REST answer treats them differently (a status "OK" travels unencoded, a stored "OK" does not).

/** A status reply such as `+OK` or `+PONG`. */
export class StatusReply {
  constructor(readonly text: string) {}
}

/** An error reply; `message` is Redis's own text, e.g. `NOSCRIPT No matching script…`. */
export class ErrorReply {
  constructor(readonly message: string) {}
}

/** Integers beyond 2^53 stay exact as bigint so the JSON answer carries every digit. */
export type RespValue = Buffer | StatusReply | ErrorReply | number | bigint | null | RespValue[];

export function encodeCommand(args: readonly string[]): string {
  let out = `*${args.length}\r\n`;
  for (const arg of args) out += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  return out;
}

const CR = 13;
const INCOMPLETE = Symbol("incomplete");
type Parsed = RespValue | typeof INCOMPLETE;

/**
 * Feed socket chunks in, get whole replies out. A reply split across chunks waits for the rest;
 * while a large bulk string is still arriving the chunks are only collected, not re-parsed.
 */
export class RespReplyParser {
  private buffer: Buffer = Buffer.alloc(0);
  private position = 0;
  private waiting: Buffer[] = [];
  private waitingBytes = 0;
  /** Bytes (counted from the start of the unfinished reply) needed before parsing is worth retrying. */
  private bytesNeeded = 0;

  constructor(private readonly onReply: (reply: RespValue) => void) {}

  feed(chunk: Buffer): void {
    if (this.waiting.length > 0 || this.buffer.length > 0) {
      this.waiting.push(chunk);
      this.waitingBytes += chunk.length;
      if (this.buffer.length + this.waitingBytes < this.bytesNeeded) return;
      this.buffer = Buffer.concat([this.buffer, ...this.waiting]);
      this.waiting = [];
      this.waitingBytes = 0;
    } else {
      this.buffer = chunk;
    }
    this.position = 0;
    this.bytesNeeded = 0;
    while (this.position < this.buffer.length) {
      const start = this.position;
      const reply = this.parseValue(start);
      if (reply === INCOMPLETE) {
        this.buffer = this.buffer.subarray(start);
        this.bytesNeeded = Math.max(0, this.bytesNeeded - start);
        return;
      }
      this.onReply(reply);
    }
    this.buffer = Buffer.alloc(0);
  }

  private parseValue(start: number): Parsed {
    const buf = this.buffer;
    if (start >= buf.length) return INCOMPLETE;
    const lineEnd = buf.indexOf(CR, start + 1);
    if (lineEnd === -1 || lineEnd + 1 >= buf.length) return INCOMPLETE;
    const afterLine = lineEnd + 2;
    switch (buf[start]) {
      case 0x2b /* + */:
        this.position = afterLine;
        return new StatusReply(buf.toString("utf8", start + 1, lineEnd));
      case 0x2d /* - */:
        this.position = afterLine;
        return new ErrorReply(buf.toString("utf8", start + 1, lineEnd));
      case 0x3a /* : */:
        this.position = afterLine;
        return parseInteger(buf, start + 1, lineEnd);
      case 0x24 /* $ */: {
        const length = Number(parseInteger(buf, start + 1, lineEnd));
        if (length < 0) {
          this.position = afterLine;
          return null;
        }
        const end = afterLine + length;
        if (end + 2 > buf.length) {
          this.bytesNeeded = end + 2;
          return INCOMPLETE;
        }
        this.position = end + 2;
        return buf.subarray(afterLine, end);
      }
      case 0x2a /* * */: {
        const count = Number(parseInteger(buf, start + 1, lineEnd));
        this.position = afterLine;
        if (count < 0) return null;
        const items: RespValue[] = new Array<RespValue>(count);
        for (let i = 0; i < count; i++) {
          const item = this.parseValue(this.position);
          if (item === INCOMPLETE) return INCOMPLETE;
          items[i] = item;
        }
        return items;
      }
      default:
        throw new Error(`Unexpected RESP type byte 0x${(buf[start] ?? 0).toString(16)} from redis-server`);
    }
  }
}

function parseInteger(buf: Buffer, from: number, to: number): number | bigint {
  // Up to 15 digits always fit a double exactly; longer ones go through BigInt.
  if (to - from > 15) {
    const big = BigInt(buf.toString("latin1", from, to));
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  let negative = false;
  let index = from;
  if (buf[index] === 0x2d) {
    negative = true;
    index++;
  }
  let value = 0;
  for (; index < to; index++) value = value * 10 + ((buf[index] ?? 0x30) - 0x30);
  return negative ? -value : value;
}
