import { describe, expect, it } from "vitest";
import { listenOptionsFrom } from "./listen-options";

describe("listenOptionsFrom", () => {
  it.each<[string, string[], Record<string, string>, { port: number; hostname?: string }]>([
    ["defaults like next start", [], {}, { port: 3000, hostname: undefined }],
    ["PORT and HOSTNAME", [], { PORT: "8080", HOSTNAME: "0.0.0.0" }, { port: 8080, hostname: "0.0.0.0" }],
    [
      "flags win over the environment",
      ["--port", "3100", "-H", "127.0.0.1"],
      { PORT: "8080" },
      { port: 3100, hostname: "127.0.0.1" },
    ],
    ["short port flag", ["-p", "4000"], {}, { port: 4000, hostname: undefined }],
    ["an empty HOSTNAME means every interface", [], { HOSTNAME: "" }, { port: 3000, hostname: undefined }],
  ])("%s", (_label, args, env, expected) => {
    expect(listenOptionsFrom(args, env)).toEqual(expected);
  });

  it.each(["0", "70000", "http", "30.5"])("refuses the port %s, naming the setting", (port) => {
    expect(() => listenOptionsFrom([], { PORT: port })).toThrow(/Invalid port .* --port or PORT/);
  });
});
