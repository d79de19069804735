// Slugs are the sale's address on the storefront (/sales/<slug>): lower-case kebab, ASCII only.
export const SLUG_MIN = 3;
export const SLUG_MAX = 60;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug suggested from a title: accents dropped, anything else becomes one dash, cut at a word. */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (words.length <= SLUG_MAX) return words;
  const cut = words.slice(0, SLUG_MAX + 1);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash >= SLUG_MIN ? cut.slice(0, lastDash) : cut.slice(0, SLUG_MAX)).replace(/-+$/, "");
}
