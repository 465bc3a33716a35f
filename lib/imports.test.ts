import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

/** Every source file below `folder` (tests and test helpers apart: a test may reach any layer). */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith("testing.ts"))
    .map((file) => join(folder, file))
    .filter((file) => !file.startsWith(join("lib", "test-support")));
}

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/from "(@\/[^"]+)"/g)].map((match) => match[1] as string);

test("imports point down: lib imports neither app nor components, components do not import app", () => {
  const upward = [
    ...sources("lib").flatMap((file) =>
      importsOf(file)
        .filter((path) => /^@\/(app|components)\//.test(path))
        .map((path) => `${file} → ${path}`),
    ),
    ...sources("components").flatMap((file) =>
      importsOf(file)
        .filter((path) => path.startsWith("@/app/"))
        .map((path) => `${file} → ${path}`),
    ),
  ];
  assert.deepEqual(upward, []);
});

test("the capability folders of lib import one another without a loop", () => {
  const folderOf = (file: string) => file.split("/")[1] as string;
  const arrows = new Map<string, Map<string, string>>();
  for (const file of sources("lib").filter((file) => file.split("/").length > 2)) {
    for (const path of importsOf(file)) {
      const target = path.match(/^@\/lib\/([\w-]+)\//)?.[1];
      if (!target || target === folderOf(file)) continue;
      if (!arrows.has(folderOf(file))) arrows.set(folderOf(file), new Map());
      arrows.get(folderOf(file))?.set(target, file);
    }
  }
  // A depth-first walk: reaching a folder that is still on the path is a loop.
  const loops: string[] = [];
  const done = new Set<string>();
  const walk = (folder: string, path: string[]) => {
    if (path.includes(folder)) {
      const loop = [...path.slice(path.indexOf(folder)), folder];
      loops.push(loop.map((step, i) => (i ? `→ ${step} (${arrows.get(loop[i - 1] as string)?.get(step)})` : step)).join(" "));
      return;
    }
    if (done.has(folder)) return;
    for (const target of arrows.get(folder)?.keys() ?? []) walk(target, [...path, folder]);
    done.add(folder);
  };
  for (const folder of arrows.keys()) walk(folder, []);
  assert.deepEqual(loops, []);
});
