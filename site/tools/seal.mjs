// Encrypts the worked solutions for the pages (builder/sealing.py), AES-256-GCM as the
// browser's WebCrypto decrypts it. Usage: node tools/seal.mjs < items.json > sealed.json
// items: [{key, iv, text}] (key and iv base64); out: [hex of ciphertext + 16-byte tag]
// (hex: no letters past f, so a page check for words such as "cdn" never trips on it).
import { createCipheriv } from "node:crypto";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const items = JSON.parse(Buffer.concat(chunks).toString("utf-8"));
const out = items.map(({ key, iv, text }) => {
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key, "base64"), Buffer.from(iv, "base64"));
  const body = Buffer.concat([cipher.update(Buffer.from(text, "utf-8")), cipher.final(), cipher.getAuthTag()]);
  return body.toString("hex");
});
process.stdout.write(JSON.stringify(out));
