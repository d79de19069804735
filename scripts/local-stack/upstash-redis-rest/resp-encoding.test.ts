import { describe, expect, it } from "vitest";
import { encodeCommand, ErrorReply, RespReplyParser, StatusReply, type RespValue } from "./resp-encoding";

function parseAll(chunks: Buffer[]): RespValue[] {
  const replies: RespValue[] = [];
  const parser = new RespReplyParser((reply) => replies.push(reply));
  for (const chunk of chunks) parser.feed(chunk);
  return replies;
}

const wire = Buffer.from(
  "+OK\r\n" +
    "-NOSCRIPT No matching script. Please use EVAL.\r\n" +
    ":-42\r\n" +
    ":12345678901234567890\r\n" +
    "$-1\r\n" +
    "$0\r\n\r\n" +
    "$8\r\nl1\r\nl2Ω\r\n" +
    "*3\r\n:1\r\n*2\r\n$2\r\nhi\r\n+PONG\r\n*-1\r\n",
);

function expectWireReplies(replies: RespValue[]) {
  expect(replies).toHaveLength(8);
  expect(replies[0]).toEqual(new StatusReply("OK"));
  expect(replies[1]).toEqual(new ErrorReply("NOSCRIPT No matching script. Please use EVAL."));
  expect(replies[2]).toBe(-42);
  expect(replies[3]).toBe(12345678901234567890n);
  expect(replies[4]).toBeNull();
  expect(replies[5]).toEqual(Buffer.alloc(0));
  expect((replies[6] as Buffer).toString("utf8")).toBe("l1\r\nl2Ω");
  expect(replies[7]).toEqual([1, [Buffer.from("hi"), new StatusReply("PONG")], null]);
}

describe("RespReplyParser", () => {
  it("parses every reply type from one chunk", () => {
    expectWireReplies(parseAll([wire]));
  });

  it("gives the same replies however the bytes are split", () => {
    for (let cut = 1; cut < wire.length; cut++) {
      expectWireReplies(parseAll([wire.subarray(0, cut), wire.subarray(cut)]));
    }
    expectWireReplies(parseAll([...wire].map((byte) => Buffer.from([byte]))));
  });

  it("assembles a large bulk string arriving in many chunks", () => {
    const value = Buffer.alloc(3_000_000, "x");
    const message = Buffer.concat([Buffer.from(`$${value.length}\r\n`), value, Buffer.from("\r\n:7\r\n")]);
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < message.length; offset += 65_536)
      chunks.push(message.subarray(offset, offset + 65_536));
    const replies = parseAll(chunks);
    expect(replies).toHaveLength(2);
    expect((replies[0] as Buffer).equals(value)).toBe(true);
    expect(replies[1]).toBe(7);
  });
});

describe("encodeCommand", () => {
  it("counts bytes, not characters", () => {
    expect(encodeCommand(["SET", "k", "Ω🎉"])).toBe("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nΩ🎉\r\n");
  });
});
