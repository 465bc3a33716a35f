/** "keyring-backup-codes-alice.txt": named after the app and the account. */
export function backupCodesFileName(appName: string, username: string): string {
  return `${appName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-backup-codes-${username}.txt`;
}
