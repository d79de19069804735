// Engine detection and the download probe: a host that answers, one that refuses, one that hangs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "../local-stack/ports";
import { migrationDatabaseUrl } from "./build-steps";
import { enginesMirror, probeEngineDownload, schemaEngineInstalled } from "./prisma-engine";

const servers: Server[] = [];
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("probeEngineDownload", () => {
  it("counts any HTTP answer as reachable, and asks for this Prisma version's engines", async () => {
    const paths: string[] = [];
    const mirror = await serve((request, response) => {
      paths.push(request.url ?? "");
      response.writeHead(404).end();
    });
    expect(await probeEngineDownload(mirror, 2_000)).toEqual({ ok: true });
    expect(paths[0]).toMatch(/^\/all_commits\/[0-9a-f]{40}\/$/);
  });

  it("reports a refused connection", async () => {
    const port = await findFreePort();
    const probe = await probeEngineDownload(`http://127.0.0.1:${port}`, 2_000);
    expect(probe).toEqual({ ok: false, reason: `127.0.0.1:${port} unreachable (ECONNREFUSED)` });
  });

  it("gives up on a host that never answers within the timeout", async () => {
    const mirror = await serve(() => undefined); // accepts, never answers
    const started = performance.now();
    const probe = await probeEngineDownload(mirror, 300);
    expect(probe).toEqual({ ok: false, reason: expect.stringContaining("no answer within 300 ms") });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("schemaEngineInstalled", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "stampede-engine-"));
  const engine = path.join(dir, "schema-engine");
  const placeholder = path.join(dir, "schema-engine-placeholder");
  writeFileSync(engine, "");
  writeFileSync(placeholder, "");

  it("trusts a configured engine that exists", () => {
    expect(schemaEngineInstalled({ PRISMA_SCHEMA_ENGINE_BINARY: engine })).toBe(true);
    expect(schemaEngineInstalled({ PRISMA_SCHEMA_ENGINE_BINARY: path.join(dir, "missing") })).toBe(false);
  });

  it("does not mistake the offline generate placeholder for an engine", () => {
    expect(schemaEngineInstalled({ PRISMA_SCHEMA_ENGINE_BINARY: placeholder })).toBe(false);
  });

  it("finds nothing in an empty cache", () => {
    expect(schemaEngineInstalled({ XDG_CACHE_HOME: dir })).toBe(false);
  });
});

describe("deployment settings", () => {
  it("uses PRISMA_ENGINES_MIRROR when set", () => {
    expect(enginesMirror({})).toBe("https://binaries.prisma.sh");
    expect(enginesMirror({ PRISMA_ENGINES_MIRROR: "https://mirror.example/prisma/" })).toBe(
      "https://mirror.example/prisma",
    );
  });

  it("migrates over the direct connection when one is configured", () => {
    const pooled = "postgresql://u:p@ep-x-pooler.eu.aws.neon.tech/db";
    const direct = "postgresql://u:p@ep-x.eu.aws.neon.tech/db";
    expect(migrationDatabaseUrl({ DATABASE_URL: pooled })).toEqual({ url: pooled, from: "DATABASE_URL" });
    expect(migrationDatabaseUrl({ DATABASE_URL: pooled, DATABASE_URL_UNPOOLED: direct })).toEqual({
      url: direct,
      from: "DATABASE_URL_UNPOOLED",
    });
    expect(
      migrationDatabaseUrl({ DATABASE_URL: pooled, POSTGRES_URL_NON_POOLING: "x", DIRECT_DATABASE_URL: direct }).from,
    ).toBe("DIRECT_DATABASE_URL");
  });
});
