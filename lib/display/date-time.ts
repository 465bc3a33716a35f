const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates as people read them, in UTC (the server does not know the reader's zone). */
export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}
