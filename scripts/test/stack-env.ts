// The values the test stack hands to every test file (`inject("stack")`).
import type { StackEnv } from "../local-stack/stack";

export interface TestStackEnv extends StackEnv {
  NODE_ENV: "test";
  STAMPEDE_NAMESPACE: string;
  AUTH_SECRET: string;
  ADMIN_EMAILS: string;
  LOG_LEVEL: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: TestStackEnv;
  }
}
