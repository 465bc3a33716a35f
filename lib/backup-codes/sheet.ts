/**
 * Whose codes these are, printed and saved with them (as GitHub and GitLab do): a sheet of codes
 * found in a drawer a year later must say which site and account it opens.
 */
export type CodesOwner = { appName: string; site: string; username: string; email: string; fileName: string };

export function codesOwner(appName: string, appUrl: URL, user: { username: string; email: string }): CodesOwner {
  return {
    appName,
    site: appUrl.origin,
    username: user.username,
    email: user.email,
    // "keyring-backup-codes-alice.txt"
    fileName: `${appName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")}-backup-codes-${user.username}.txt`,
  };
}

/** The heading lines of a printed or downloaded set; `generated` is the time as the reader reads it. */
export function codesSheetLines(owner: CodesOwner, generated: string): { title: string; lines: string[] } {
  return {
    title: `${owner.appName} backup codes`,
    lines: [`Account: ${owner.username} (${owner.email})`, `Site: ${owner.site}`, `Generated: ${generated}`],
  };
}

/** The downloaded file: the heading lines, a blank line, one code a line. */
export function codesFileText(owner: CodesOwner, codes: string[], generated: string): string {
  const { title, lines } = codesSheetLines(owner, generated);
  return `${[title, ...lines, "", ...codes].join("\n")}\n`;
}
