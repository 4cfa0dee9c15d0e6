// site/src/storage.js where the browser refuses storage (an embedded page in another site's
// iframe with third-party storage blocked): work is kept in memory, and the page can say so.
import { test } from "node:test";
import assert from "node:assert/strict";

Object.defineProperty(globalThis, "localStorage", {
  get() {
    throw new DOMException("Access is denied for this document.", "SecurityError");
  },
});
globalThis.document = { dispatchEvent() {} };
globalThis.CustomEvent = class {
  constructor(type, init) {
    this.detail = init && init.detail;
  }
};

const { saveWork, loadWork, allWork, storageKept, studentName, setStudentName } = await import("../../site/src/storage.js");

test("without storage the work lasts for the visit and storageKept() says so", () => {
  assert.equal(storageKept(), false);
  saveWork("relu", { code: "x = 1", edited_at: 1, tab: "t" });
  assert.equal(loadWork("relu").code, "x = 1");
  assert.deepEqual(Object.keys(allWork()), ["relu"]);
  setStudentName("  Ada   L ");
  assert.equal(studentName(), "Ada L");
});
