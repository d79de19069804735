// Auth.js for the app: route handlers, server-side sign-in/out, and the session for Server
// Components. Import from here; the other modules in this folder are the parts it is built from.
import "server-only";

import { headers } from "next/headers";
import NextAuth from "next-auth";
import { cache } from "react";
import { env } from "~/env";
import { db } from "~/server/db";
import { logger } from "~/server/logger";
import { createAuthConfig } from "./config";
import { readSession } from "./read-session";
import type { AppSession } from "./session";

export const { auth, handlers, signIn, signOut } = NextAuth(createAuthConfig({ env, db, log: logger }));

/**
 * The signed-in user for this request, or null. Decodes the session cookie the same way the tRPC
 * context does (no database read), once per request however many components ask.
 */
export const getServerSession = cache(async (): Promise<AppSession | null> => readSession(await headers()));
