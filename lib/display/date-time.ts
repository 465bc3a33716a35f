const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Dates as people read them, with their zone: "1 Dec 2026, 14:55 UTC". The server knows no reader's
 * zone and writes UTC; the browser passes its own (components/local-time.tsx).
 */
export function formatDateTime(date: Date, timeZone = "UTC"): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
      timeZone,
    });
    formats.set(timeZone, format);
  }
  return format.format(date);
}

/** The zone this browser (or process) is set to, e.g. "Europe/Paris". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
