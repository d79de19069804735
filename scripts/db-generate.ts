// `npm run db:generate` and postinstall: `prisma generate`, offline-safe (see ./db/prisma-generate.ts).
// Extra arguments go to `prisma generate`.
import { prismaGenerate } from "./db/prisma-generate";

process.exitCode = prismaGenerate(process.argv.slice(2), (line) => console.log(`prisma-generate: ${line}`));
