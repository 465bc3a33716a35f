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

test("a refusal says what was wrong in words a person can act on", async () => {
  assert.deepEqual(await malformedActionRequest(fetchAction("{}", "application/json")), {
    status: 415,
    message: "This form cannot be sent as application/json.",
  });
  assert.equal(
    (await malformedActionRequest(fetchAction("{}", "Application/JSON; charset=utf-8")))?.message,
    "This form cannot be sent as application/json.",
  );
  assert.deepEqual(await malformedActionRequest(fetchAction(new TextEncoder().encode("[]"))), {
    status: 415,
    message: "This form cannot be sent as an untyped body.",
  });
  assert.deepEqual(await malformedActionRequest(fetchAction("not json", "text/plain")), {
    status: 400,
    message: "This form submission is malformed. Reload the page and try again.",
  });
  assert.equal(await malformedActionRequest(fetchAction("[]", "TEXT/PLAIN;charset=UTF-8")), null, "the type's case does not matter");
});

test("only a POST is looked at, whatever headers a GET carries", async () => {
  assert.equal(
    await malformedActionRequest(new Request(url, { headers: { "next-action": "60abcdef", "content-type": "application/json" } })),
    null,
  );
});

test("references: escaped dollars, undefined and the form's own fields pass; anything else is refused", async () => {
  const reply = (value: unknown) => fetchAction(JSON.stringify([value]), "text/plain;charset=UTF-8");
  for (const allowed of [
    "$$",
    "$$ and more",
    "$undefined",
    "$K1",
    "$K0",
    "$Kabcdef12",
    "no dollar first $@1",
    3,
    true,
    null,
    [["a", 1]],
    { a: { b: null } },
  ]) {
    assert.equal(await malformedActionRequest(reply(allowed)), null, JSON.stringify(allowed));
  }
  for (const refused of [
    "$",
    "$x",
    "$@1",
    "$Q2",
    "$undefinedx",
    "$K",
    "$Kg1",
    "$KA",
    "$K123456789",
    "$K1x",
    "$@1$$",
    "$x$undefined",
    "$@$K1",
    [["a", "$@1"]],
    { a: "ok", b: "$@1" },
    { a: [{ b: "$n1" }] },
  ]) {
    assert.equal((await malformedActionRequest(reply(refused)))?.status, 400, JSON.stringify(refused));
  }
});

test("a form sent with JavaScript needs its arguments in field 0, as a reply that decodes", async () => {
  const withRoot = (root: string) => {
    const form = new FormData();
    form.append("0", root);
    form.append("1_email", "a@b.c");
    return fetchAction(form);
  };
  assert.equal(await malformedActionRequest(withRoot('[{"status":"idle"},"$K1"]')), null);
  assert.equal((await malformedActionRequest(withRoot("[{")))?.status, 400);
  assert.equal((await malformedActionRequest(withRoot('"a string"')))?.status, 400);
  assert.equal((await malformedActionRequest(withRoot('["$@2"]')))?.status, 400);
});

test("a form sent without JavaScript: only the action's own fields are read, and the action must name itself and its bound arguments", async () => {
  // Fields that only look like the action's are the action's business.
  for (const name of ["x$ACTION_1:1", "$ACTION_1:1x", "$ACTION_:1", "$ACTION_1:", "$action_1:1"]) {
    assert.equal(await malformedActionRequest(formPost({ ...noScriptForm, [name]: "[{" })), null, name);
  }
  assert.equal((await malformedActionRequest(formPost({ ...noScriptForm, "$ACTION_12:10": "[{" })))?.status, 400);
  assert.equal((await malformedActionRequest(formPost({ ...noScriptForm, "$ACTION_1:1": '["$@1"]' })))?.status, 400);
  for (const bound of [undefined, null]) {
    const head = JSON.stringify({ id: "60abcdef", bound });
    assert.equal(await malformedActionRequest(formPost({ ...noScriptForm, "$ACTION_1:0": head })), null, head);
  }
  for (const head of ['{"bound":"$@1"}', '{"id":5,"bound":"$@1"}', "null", '{"id":"60abcdef","bound":"$@2"}']) {
    assert.equal((await malformedActionRequest(formPost({ ...noScriptForm, "$ACTION_1:0": head })))?.status, 400, head);
  }
});

test("a file where a form without JavaScript sends the action's arguments is refused, as React cannot read it as JSON", async () => {
  for (const name of ["$ACTION_1:0", "$ACTION_1:1"]) {
    const form = new FormData();
    for (const [field, value] of Object.entries(noScriptForm)) form.append(field, value);
    form.set(name, new File(['[{"status":"idle"}]'], "state.json", { type: "application/json" }));
    const refusal = await malformedActionRequest(new Request(url, { method: "POST", body: form }));
    assert.equal(refusal?.status, 400, name);
  }
  // A file in a field of the form itself is the action's business (it validates its fields).
  const form = new FormData();
  for (const [field, value] of Object.entries(noScriptForm)) form.append(field, value);
  form.append("email", new File(["x"], "x.txt"));
  assert.equal(await malformedActionRequest(new Request(url, { method: "POST", body: form })), null);
});
