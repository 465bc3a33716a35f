import assert from "node:assert/strict";
import { test } from "node:test";
import type { Role } from "@/lib/db/client";
import { isStaff, managementRefusal } from "./roles";

const ROLES: Role[] = ["USER", "ADMIN", "OWNER"];

test("staff manage accounts of a lower role only: never an equal, never a higher one", () => {
  // [actor, target] pairs that may act; every other pair of different people may not.
  const allowed = new Set(["ADMIN>USER", "OWNER>USER", "OWNER>ADMIN"]);
  for (const actorRole of ROLES) {
    for (const targetRole of ROLES) {
      const pair = `${actorRole}>${targetRole}`;
      const refusal = managementRefusal({ id: "actor", role: actorRole }, { id: "target", role: targetRole });
      assert.equal(refusal, allowed.has(pair) ? null : "lower role only", `${actorRole} acting on another ${targetRole}`);
    }
  }
});

test("an admin cannot touch another admin or the owner, and a user touches nobody else", () => {
  assert.equal(managementRefusal({ id: "a1", role: "ADMIN" }, { id: "a2", role: "ADMIN" }), "lower role only");
  assert.equal(managementRefusal({ id: "a1", role: "ADMIN" }, { id: "o1", role: "OWNER" }), "lower role only");
  assert.equal(managementRefusal({ id: "u1", role: "USER" }, { id: "u2", role: "USER" }), "lower role only");
  assert.equal(
    managementRefusal({ id: "o1", role: "OWNER" }, { id: "o2", role: "OWNER" }),
    "lower role only",
    "a second owner is an equal",
  );
});

test("no one manages their own account here, whatever the role: that goes through Preferences", () => {
  for (const role of ROLES) {
    assert.equal(managementRefusal({ id: "same", role }, { id: "same", role }), "own account", `${role} on themselves`);
  }
});

test("the same id means the same person even if the role given for the target differs", () => {
  // A stale copy of the actor (say, just demoted) still describes the same account.
  assert.equal(managementRefusal({ id: "same", role: "OWNER" }, { id: "same", role: "USER" }), "own account");
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
