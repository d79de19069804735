// Admin screens show instants in UTC on the server (the editor shows the admin's own zone).
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
