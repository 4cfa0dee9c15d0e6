// Open a widget's sealed answers (builder/sealing.py): the worked solution and, for a quiz,
// each question's explanation and model answer, AES-256-GCM encrypted at build time. The
// key comes only from the grader, in the result of a Check that unlocks the solution
// (grader/seal.py); see docs/security.md for what this does and does not hide.

function bytes(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function hexBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

/**
 * Fill the widget's `template[data-sealed]` elements. Resolves true when they are filled
 * (or nothing was sealed), false when this browser cannot decrypt (no WebCrypto: the page is
 * not on https:// or localhost) or the key does not fit.
 */
export async function unsealTemplates(root, key) {
  const box = root.querySelector('script[data-role="sealed"]');
  if (!box) return true;
  if (!key || !(self.crypto && crypto.subtle)) return false;
  try {
    const cryptoKey = await crypto.subtle.importKey("raw", bytes(key), "AES-GCM", false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: hexBytes(box.dataset.iv) }, cryptoKey, hexBytes(box.textContent.trim()));
    const parts = JSON.parse(new TextDecoder().decode(plain));
    for (const t of root.querySelectorAll("template[data-sealed]")) {
      const html = parts[Number(t.dataset.sealed)];
      if (typeof html === "string") t.innerHTML = html;
      delete t.dataset.sealed;
    }
    box.remove();
    return true;
  } catch (err) {
    console.warn("sealed answers could not be opened", err);
    return false;
  }
}
