// This process's bench switch, decided once from the validated env: a running server's environment
// does not change, and the purchase path should not re-decide it on every request.
import { env } from "~/env";
import { isBenchSwitchAllowed } from "./bench-switch";

export const benchSwitchAllowed = isBenchSwitchAllowed(env);
