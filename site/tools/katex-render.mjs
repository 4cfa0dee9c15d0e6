// Build-time math: reads [{tex, display}] as JSON on stdin, writes [{html} | {error}] on stdout.
import katex from "katex";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const items = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const out = items.map(({ tex, display }) => {
  try {
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (err) {
    return { error: String(err.message || err) };
  }
});
process.stdout.write(JSON.stringify(out));
