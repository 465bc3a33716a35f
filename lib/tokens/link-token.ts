import { z } from "zod";

/** Longer than any token we issue (43 characters): not worth a lookup. */
const MAX_LINK_TOKEN_LENGTH = 200;

/** The token of an emailed link, as its page's form sends it back. */
export function linkTokenField(missing = "This link is incomplete.") {
  return z.string({ error: missing }).min(1, missing).max(MAX_LINK_TOKEN_LENGTH, "This link is not valid.");
}

/** Whether a token is worth looking up at all. */
export function plausibleLinkToken(token: string): boolean {
  return token.length > 0 && token.length <= MAX_LINK_TOKEN_LENGTH;
}

/** The token of a link's query string, for the page to put in its form ("" when there is none). */
export function linkTokenFromQuery(token: string | string[] | undefined): string {
  return typeof token === "string" ? token.slice(0, MAX_LINK_TOKEN_LENGTH) : "";
}
