// site/src/storage.js with a fake localStorage: the two-tab rule and the download name.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";

const store = new Map();
globalThis.localStorage = {
  getItem: (k) => (store.has(k) ? store.get(k) : null),
  setItem: (k, v) => store.set(k, String(v)),
  key: (i) => [...store.keys()][i] ?? null,
  get length() {
    return store.size;
  },
};
globalThis.document = { dispatchEvent() {} };
globalThis.CustomEvent = class {
  constructor(type, init) {
    this.type = type;
    this.detail = init && init.detail;
  }
};

const { saveWork, loadWork, TAB_ID, downloadName, fileSafe, compactResult, exportWork, setStudentName } = await import("../../site/src/storage.js");

beforeEach(() => store.clear());

test("a save never replaces code another tab typed later", () => {
  store.set("nprl:ex:relu", JSON.stringify({ code: "newer", edited_at: 2000, tab: "other" }));
  const { work, conflict } = saveWork("relu", { code: "older", edited_at: 1000, tab: TAB_ID, hints_shown: 1 });
  assert.equal(loadWork("relu").code, "newer");
  assert.equal(conflict.code, "newer");
  assert.equal(work.hints_shown, 1, "the other changes are still saved");
});

test("a later edit, or one from the same tab, is saved", () => {
  store.set("nprl:ex:relu", JSON.stringify({ code: "old", edited_at: 1000, tab: "other" }));
  assert.equal(saveWork("relu", { code: "mine", edited_at: 3000, tab: TAB_ID }).conflict, null);
  assert.equal(loadWork("relu").code, "mine");
  store.set("nprl:ex:relu", JSON.stringify({ code: "x", edited_at: 9000, tab: TAB_ID }));
  assert.equal(saveWork("relu", { code: "y", edited_at: 100, tab: TAB_ID }).conflict, null);
  assert.equal(loadWork("relu").code, "y");
});

test("saving without code leaves the code alone", () => {
  store.set("nprl:ex:relu", JSON.stringify({ code: "kept", edited_at: 5, tab: "other" }));
  saveWork("relu", { last_result: { score: 1 } });
  assert.equal(loadWork("relu").code, "kept");
  assert.deepEqual(loadWork("relu").last_result, { score: 1 });
});

test("download names", () => {
  assert.equal(downloadName("Ada Lovelace", "2026.12.0"), "my-work-Ada-Lovelace-2026.12.0.json");
  assert.equal(fileSafe("ada.l@uni"), "ada.l-uni");
  assert.equal(fileSafe("Zoë / ../x"), "Zoe-..-x");
  assert.equal(fileSafe("  "), "student");
  assert.equal(fileSafe("山田 太郎"), "山田-太郎");
});

test("the export carries the student and no solution key", () => {
  setStudentName("  Ada   Lovelace ");
  const result = compactResult({ score: 1, solution_key: "k", figures: ["png"], curves: [], attempt: true });
  assert.deepEqual(result, { score: 1, attempt: true });
  store.set("nprl:ex:relu", JSON.stringify({ code: "c", last_result: result, solution_key: "k", updated_at: "t" }));
  const doc = exportWork("2026.12.0");
  assert.equal(doc.student, "Ada Lovelace");
  assert.equal(JSON.stringify(doc).includes('"k"'), false);
});
