// Turns Redis replies into the JSON the Upstash REST API answers with, written straight to text
// (no intermediate objects) because it runs once per command on the hot path.
//
// With `Upstash-Encoding: base64` the client (@upstash/redis `decode`) base64-decodes every string
// it gets, with one exception: a top-level result that is exactly "OK" is taken as-is. Inside arrays
// every string is decoded, so there even a status "OK" must be encoded. Integers stay JSON numbers,
// nil is null, arrays nest.
import { ErrorReply, StatusReply, type RespValue } from "./resp-encoding";

export type ResultEncoding = "base64" | "utf8";

function encodeString(bytes: Buffer, encoding: ResultEncoding): string {
  // Base64 text never needs JSON escaping.
  return encoding === "base64" ? `"${bytes.toString("base64")}"` : JSON.stringify(bytes.toString("utf8"));
}

function encodeText(text: string, encoding: ResultEncoding): string {
  return encoding === "base64" ? `"${Buffer.from(text).toString("base64")}"` : JSON.stringify(text);
}

export function resultToJson(value: RespValue, encoding: ResultEncoding, nested = false): string {
  if (value === null) return "null";
  if (Buffer.isBuffer(value)) return encodeString(value, encoding);
  switch (typeof value) {
    case "number":
    case "bigint":
      return String(value);
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += resultToJson(value[i]!, encoding, true);
    }
    return out + "]";
  }
  if (value instanceof StatusReply) {
    return !nested && value.text === "OK" ? '"OK"' : encodeText(value.text, encoding);
  }
  // An error can only sit inside an array here (a Lua table holding an error reply); it travels as
  // its text, since the JSON answer has no slot for a nested error.
  return encodeText((value as ErrorReply).message, encoding);
}

/** `{"result":…}` or `{"error":"…"}` for one command, the element shape of pipeline answers too. */
export function commandAnswerJson(value: RespValue, encoding: ResultEncoding): string {
  if (value instanceof ErrorReply) return errorJson(value.message);
  return `{"result":${resultToJson(value, encoding)}}`;
}

export function errorJson(message: string): string {
  return `{"error":${JSON.stringify(message)}}`;
}
