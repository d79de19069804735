// GET /sales/<slug>/calendar.ics – the sale as a calendar event ("Remind me" without an account).
import { services } from "~/server/app-services";
import { findStorefrontSale } from "~/server/sales/list-sales";
import { createCalendarRoute } from "~/server/reminders/calendar-route";

export const dynamic = "force-dynamic";

export const GET = createCalendarRoute({
  findSale: (slug) => findStorefrontSale(services.clients.db, slug),
  publicUrl: () => services.clients.deployment.publicUrl,
  logger: services.logger,
});
