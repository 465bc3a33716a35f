import { randomInt } from "node:crypto";
import type { SeededAccount } from "./accounts";
import { BrowserSession, FlowError, LostSession, sleep } from "./browser-session";
import type { Stats } from "./stats";

const PAGES = ["/settings/account", "/settings/sessions", "/settings/two-factor", "/settings/security-log"];
const MIN_PAGE_VIEWS = 5;

/**
 * Each account is one user, on a loop until `until`: sign in with password and authenticator code,
 * view Preferences pages (at least five, then more while waiting for the authenticator's next
 * code), sign out. A flow that breaks is counted (a lost session apart from other failures), the
 * user starts over with no cookies, and the run goes on.
 */
export async function runUsers(options: {
  baseUrl: string;
  accounts: SeededAccount[];
  until: number;
  stats: Stats;
  thinkMilliseconds?: [number, number];
}): Promise<void> {
  // Between page views a person reads for a moment: half a second to two.
  const [thinkMin, thinkMax] = options.thinkMilliseconds ?? [500, 2000];
  await Promise.all(
    options.accounts.map(async (account, index) => {
      const session = new BrowserSession(options.baseUrl, `10.${(index >> 8) & 255}.${index & 255}.${randomInt(1, 255)}`, options.stats);
      // Users arrive over the first two seconds rather than all in the same millisecond.
      await sleep(randomInt(2000));
      while (Date.now() < options.until) {
        let signedIn = false;
        try {
          await session.signIn(account, account.totpStep);
          signedIn = true;
          options.stats.count("sign-ins");
          let views = 0;
          while (Date.now() < options.until && (views < MIN_PAGE_VIEWS || session.mustWaitForCode())) {
            session.activity("reading a page");
            await sleep(randomInt(thinkMin, thinkMax));
            await session.viewSignedIn(PAGES[views % PAGES.length] as string);
            views++;
            options.stats.count("page views");
          }
          await session.signOut();
          signedIn = false;
          options.stats.count("sign-outs");
        } catch (error) {
          if (error instanceof LostSession) options.stats.count("lost sessions");
          else if (error instanceof FlowError) options.stats.count("broken flows");
          else options.stats.count("requests without answer");
          options.stats.problem(`${account.email}${signedIn ? " (signed in)" : ""}: ${(error as Error).message}`);
          session.reset();
          await sleep(500);
        }
      }
    }),
  );
}
