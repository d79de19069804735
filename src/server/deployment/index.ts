// This deployment's public URL and namespace, resolved once from the validated env.
import { env } from "~/env";
import { resolveNamespace, resolvePublicUrl, type Deployment } from "./deployment";

export type { Deployment } from "./deployment";

export const deployment: Deployment = {
  namespace: resolveNamespace(env),
  publicUrl: resolvePublicUrl(env),
  protectionBypassSecret: env.VERCEL_AUTOMATION_BYPASS_SECRET,
};
