// Mutation testing of the security modules (`npm run test:mutation`): Stryker changes one thing at a
// time in their code and reruns the unit tests that run that code (those of every security module and
// of the command line, since one module's rule is often exercised through another's flow); a change no
// test notices is a claim no test guards. Not part of `npm test` (it takes a long time). Incremental: a
// rerun tests only the mutants whose code or tests changed (reports/stryker-incremental.json).
// One folder's code: STRYKER_FOLDERS=lib/tokens npm run test:mutation
const SECURITY_FOLDERS =
  "lib/auth lib/two-factor lib/backup-codes lib/password-reset lib/passwords lib/sessions lib/tokens lib/security lib/admin lib/rate-limit";
const folders = (process.env.STRYKER_FOLDERS ?? SECURITY_FOLDERS).split(/\s+/);
// Also the flows that run security code from elsewhere: recovery's finish and adding a key are
// two-factor flows tested in lib/recovery and lib/security-keys; passkeys answer the same check.
// STRYKER_TEST_FOLDERS narrows them: the command line's tests start a process per command (about a
// minute per mutant they cover), so a run without "lib/cli" finishes in a session, and its
// survivors are then tried against those tests alone.
const testFolders = (process.env.STRYKER_TEST_FOLDERS ?? `${SECURITY_FOLDERS} lib/cli lib/recovery lib/passkeys lib/security-keys`).split(
  /\s+/,
);

const config = {
  testRunner: "tap",
  plugins: ["@stryker-mutator/tap-runner"],
  mutate: folders.flatMap((folder) => [`${folder}/**/*.ts`, `!${folder}/**/*.test.ts`, `!${folder}/**/testing.ts`]),
  tap: {
    testFiles: testFolders.map((folder) => `${folder}/**/*.test.ts`),
    nodeArgs: [
      "--conditions=react-server",
      "--import",
      "tsx",
      "--import",
      "./lib/test-support/server-build.mjs",
      "-r",
      "{{hookFile}}",
      "{{testFile}}",
    ],
    forceBail: true,
  },
  coverageAnalysis: "perTest",
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  concurrency: 2,
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 30,
  reporters: ["clear-text", "progress", "html"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  ignoreStatic: true,
  tempDirName: ".stryker-tmp",
};

export default config;
