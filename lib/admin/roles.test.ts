import assert from "node:assert/strict";
import { test } from "node:test";
import type { Role } from "@/lib/db/client";
import { canManage, isStaff } from "./roles";

const ROLES: Role[] = ["USER", "ADMIN", "OWNER"];

test("staff manage accounts of a lower role only: never an equal, never a higher one", () => {
  // [actor, target] pairs that may act; every other pair of different people may not.
  const allowed = new Set(["ADMIN>USER", "OWNER>USER", "OWNER>ADMIN"]);
  for (const actorRole of ROLES) {
    for (const targetRole of ROLES) {
      const pair = `${actorRole}>${targetRole}`;
      const actual = canManage({ id: "actor", role: actorRole }, { id: "target", role: targetRole });
      assert.equal(actual, allowed.has(pair), `${actorRole} acting on another ${targetRole}`);
    }
  }
});

test("an admin cannot touch another admin or the owner, and a user touches nobody else", () => {
  assert.equal(canManage({ id: "a1", role: "ADMIN" }, { id: "a2", role: "ADMIN" }), false);
  assert.equal(canManage({ id: "a1", role: "ADMIN" }, { id: "o1", role: "OWNER" }), false);
  assert.equal(canManage({ id: "u1", role: "USER" }, { id: "u2", role: "USER" }), false);
  assert.equal(canManage({ id: "o1", role: "OWNER" }, { id: "o2", role: "OWNER" }), false, "a second owner is an equal");
});

test("everyone may act on their own account, whatever the role", () => {
  for (const role of ROLES) {
    assert.equal(canManage({ id: "same", role }, { id: "same", role }), true, `${role} on themselves`);
  }
});

test("the same id means the same person even if the role given for the target differs", () => {
  // A stale copy of the actor (say, just demoted) still describes the same account.
  assert.equal(canManage({ id: "same", role: "USER" }, { id: "same", role: "OWNER" }), true);
});

test("staff are admins and the owner", () => {
  assert.deepEqual(
    ROLES.map((role) => [role, isStaff(role)]),
    [
      ["USER", false],
      ["ADMIN", true],
      ["OWNER", true],
    ],
  );
});
