import "server-only";

import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/context";

const createContext = cache(async () => {
  const heads = new Headers(await headers());
  heads.set("x-trpc-source", "rsc");
  return createTRPCContext({ headers: heads });
});

/** Direct server-side calls, for RSC code that needs data rather than a cache entry. */
export const serverCaller = cache(async () => createCaller(await createContext()));
