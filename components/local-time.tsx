"use client";

import { useHydrated } from "./use-hydrated";
import { formatDateTime, localTimeZone } from "@/lib/display/date-time";

/**
 * A time in the reader's own zone, named ("1 Dec 2026, 09:55 GMT-5"). The server, which does not know
 * that zone, renders UTC, and so does the first render here (no hydration mismatch); then the browser's.
 */
export function LocalTime({ date }: { date: Date | string }) {
  const iso = typeof date === "string" ? date : date.toISOString();
  const text = formatDateTime(new Date(iso), useHydrated() ? localTimeZone() : "UTC");
  return <time dateTime={iso}>{text}</time>;
}
