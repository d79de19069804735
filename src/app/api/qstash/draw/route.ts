// POST /api/qstash/draw – run a fair draw at its start if due, and persist it (signed, sent with not-before)
import { qstashRoutes } from "~/server/app-services";

export const maxDuration = 60;

export const POST = qstashRoutes.draw;
