// POST /api/qstash/reconcile – persist stale reservations and check every sale's books (signed, schedulable)
import { qstashRoutes } from "~/server/app-services";

export const maxDuration = 60;

export const POST = qstashRoutes.reconcile;
