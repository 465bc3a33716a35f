import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ensurePrivateFile, ensurePrivateFolder, tightenIfPresent } from "./private-files";

const scratch = () => mkdtempSync(path.join(tmpdir(), "keyring-private-"));
const modeOf = (file: string) => statSync(file).mode & 0o777;

/** Runs `body` under the umask most systems start with: new files readable by everyone unless a mode says otherwise. */
function withUmask022(body: () => void) {
  const previous = process.umask(0o022);
  try {
    body();
  } finally {
    process.umask(previous);
  }
}

test("a missing folder is created with its parents for its owner only; an existing one loses group and other access", () => {
  withUmask022(() => {
    const root = scratch();
    const folder = path.join(root, "one", "two", "data");
    ensurePrivateFolder(folder);
    assert.equal(modeOf(folder), 0o700);

    const existing = path.join(root, "existing");
    mkdirSync(existing, { mode: 0o755 });
    writeFileSync(path.join(existing, "kept.txt"), "kept");
    ensurePrivateFolder(existing);
    assert.equal(modeOf(existing), 0o700);
    assert.equal(readFileSync(path.join(existing, "kept.txt"), "utf8"), "kept", "what it held stays");
  });
});

test("a missing file is created empty as 0600; an existing one keeps its content and loses group and other access", () => {
  withUmask022(() => {
    const root = scratch();
    const created = path.join(root, "app.db");
    ensurePrivateFile(created);
    assert.equal(modeOf(created), 0o600);
    assert.equal(readFileSync(created, "utf8"), "");

    const loose = path.join(root, "old.db");
    writeFileSync(loose, "rows", { mode: 0o644 });
    chmodSync(loose, 0o664);
    ensurePrivateFile(loose);
    assert.equal(modeOf(loose), 0o600);
    assert.equal(readFileSync(loose, "utf8"), "rows");

    // Only access is taken away: an owner's read-only file stays read-only, nothing becomes executable.
    const readOnly = path.join(root, "read-only.db");
    writeFileSync(readOnly, "rows");
    chmodSync(readOnly, 0o444);
    ensurePrivateFile(readOnly);
    assert.equal(modeOf(readOnly), 0o400);
  });
});

test("a file that cannot be created is an error that names the failed creation", () => {
  const root = scratch();
  assert.throws(() => ensurePrivateFile(path.join(root, "missing-folder", "app.db")), { code: "ENOENT", syscall: "open" });
  writeFileSync(path.join(root, "a-file"), "");
  assert.throws(() => ensurePrivateFile(path.join(root, "a-file", "app.db")), { code: "ENOTDIR", syscall: "open" });
});

test("tightenIfPresent tightens what exists, passes over what does not, and reports any other failure", () => {
  const root = scratch();
  const wal = path.join(root, "app.db-wal");
  writeFileSync(wal, "", { mode: 0o644 });
  chmodSync(wal, 0o644);
  tightenIfPresent(wal);
  assert.equal(modeOf(wal), 0o600);

  const folder = path.join(root, "folder");
  mkdirSync(folder, { mode: 0o755 });
  chmodSync(folder, 0o755);
  tightenIfPresent(folder);
  assert.equal(modeOf(folder), 0o700);

  tightenIfPresent(path.join(root, "app.db-shm"));
  writeFileSync(path.join(root, "a-file"), "");
  assert.throws(() => tightenIfPresent(path.join(root, "a-file", "app.db-journal")), { code: "ENOTDIR" });
});
