// This deployment's public URL and namespace, resolved once from the validated env.
import { env } from "~/env";
import { resolveNamespace, resolvePublicUrl } from "./deployment";

export const namespace = resolveNamespace(env);
export const publicUrl = resolvePublicUrl(env);
