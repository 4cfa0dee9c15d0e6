// Bundles the page script (CodeMirror 6 editor + exercise widgets) into one file.
// Usage: node tools/bundle.mjs OUTFILE
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = process.argv[2];
if (!outfile) {
  console.error("usage: node tools/bundle.mjs OUTFILE");
  process.exit(2);
}
await build({
  entryPoints: [path.join(here, "..", "src", "app.js")],
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  outfile,
  logLevel: "warning",
});
