import { SaleCard, type SaleCardData } from "~/app/_components/sale-card";
import { serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

const sections = [
  { phase: "live", title: "Live now" },
  { phase: "upcoming", title: "Coming up" },
  { phase: "ended", title: "Recently ended" },
] as const;

export default async function HomePage() {
  const caller = await serverCaller();
  const sales = await caller.sale.list();
  const byPhase = (phase: SaleCardData["phase"]) =>
    sales.filter((sale) => sale.phase === phase || (phase === "live" && sale.phase === "paused"));

  return (
    <>
      <h1>Flash sales</h1>
      <p className="muted">Limited drops. One per person. Never oversold.</p>
      {sales.length === 0 && <p className="empty-state">No sales yet — check back soon.</p>}
      {sections.map(({ phase, title }) => {
        const list = byPhase(phase);
        if (list.length === 0) return null;
        return (
          <section key={phase} aria-labelledby={`section-${phase}`}>
            <h2 className="section-title" id={`section-${phase}`}>
              {title}
            </h2>
            <ul className="sale-grid">
              {list.map((sale) => (
                <li key={sale.id}>
                  <SaleCard sale={sale} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
