import Bowser from "bowser";

/** "Chrome 159 on Android 14", from a user agent string, for people to recognise their sessions. */
export function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const { browser, os } = Bowser.parse(userAgent);
  const name = browser.name ? `${browser.name}${browser.version ? ` ${browser.version.split(".")[0]}` : ""}` : "Unknown browser";
  const osVersion = os.versionName ?? os.version;
  const system = os.name ? `${os.name}${osVersion ? ` ${osVersion}` : ""}` : null;
  return system ? `${name} on ${system}` : name;
}
