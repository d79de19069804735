// Decides which services the local stack must provide: a service whose URL is unset or points
// at this machine is served locally; anything else is an external service we leave alone.
export const LOCAL_DEFAULTS = {
  DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:54320/stampede",
  UPSTASH_REDIS_REST_URL: "http://127.0.0.1:8079",
  UPSTASH_REDIS_REST_TOKEN: "stampede-local-redis-token",
  QSTASH_URL: "http://127.0.0.1:8080",
  // Upstash's published development credentials, so the official local server works with these too.
  QSTASH_TOKEN: "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=",
  QSTASH_CURRENT_SIGNING_KEY: "sig_7RvLjqfZBvP5KEUimQCE1pvpLuou",
  QSTASH_NEXT_SIGNING_KEY: "sig_7W3ZNbfKWk5NWwEs3U4ixuQ7fxwE",
} as const;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]);

export function isLocalUrl(value: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

export function portOf(value: string, fallback: number): number {
  const port = new URL(value).port;
  return port ? Number(port) : fallback;
}

export interface DatabaseTarget {
  port: number;
  user: string;
  password: string;
  database: string;
}

export function parseDatabaseUrl(value: string): DatabaseTarget {
  const url = new URL(value);
  return {
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username || "postgres"),
    password: decodeURIComponent(url.password || "postgres"),
    database: url.pathname.replace(/^\//, "") || "postgres",
  };
}
