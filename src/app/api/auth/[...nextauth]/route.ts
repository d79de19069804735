// GET|POST /api/auth/* – Auth.js
import { handlers } from "~/server/auth";

export const { GET, POST } = handlers;
