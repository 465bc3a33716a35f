import assert from "node:assert/strict";
import { test } from "node:test";
import { malformedActionRequest } from "./malformed-request";

const url = "http://keyring.test/auth/sign-in";

function fetchAction(body: BodyInit, contentType?: string) {
  const headers: Record<string, string> = { "next-action": "60abcdef" };
  if (contentType) headers["content-type"] = contentType;
  return new Request(url, { method: "POST", headers, body });
}

function formPost(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return new Request(url, { method: "POST", body: form });
}

const noScriptForm = { $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"60abcdef","bound":"$@1"}', "$ACTION_1:1": '[{"status":"idle"}]' };

test("what the app's own forms send passes, with or without JavaScript", async () => {
  const state = JSON.stringify([{ status: "error", message: "$$ is escaped", values: { email: "a@b.c" } }, "$K1"]);
  assert.equal(await malformedActionRequest(fetchAction(state, "text/plain;charset=UTF-8")), null);
  const form = new FormData();
  form.append("0", state);
  form.append("1_email", "a@b.c");
  assert.equal(await malformedActionRequest(fetchAction(form)), null);
  assert.equal(await malformedActionRequest(formPost({ ...noScriptForm, email: "\u0000".repeat(10) })), null);
});

test("requests that are not server actions are left alone", async () => {
  assert.equal(
    await malformedActionRequest(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{" })),
    null,
  );
  assert.equal(await malformedActionRequest(new Request(url)), null);
});

test("an envelope the framework could not decode gets a 4xx", async () => {
  const cases: [Request, number][] = [
    [fetchAction("not json", "text/plain"), 400],
    [fetchAction("5", "text/plain"), 400],
    [fetchAction('["$@3"]', "text/plain"), 400],
    [fetchAction('[{"a":["$n1x"]}]', "text/plain"), 400],
    [fetchAction("{}", "application/json"), 415],
    [formPost({ ...noScriptForm, "$ACTION_1:1": "[{" }), 400],
    [formPost({ ...noScriptForm, "$ACTION_1:0": '{"id":"60abcdef","bound":"$Q2"}' }), 400],
    [new Request(url, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=Xx" }, body: "--Xx\r\nbroken" }), 400],
  ];
  for (const [request, status] of cases) assert.equal((await malformedActionRequest(request))?.status, status);
  const noRoot = new FormData();
  noRoot.append("1_email", "a@b.c");
  assert.equal((await malformedActionRequest(fetchAction(noRoot)))?.status, 400);
});
