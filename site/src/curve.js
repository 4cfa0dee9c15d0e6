// The live loss curve under an exercise's editor (grader/live.py): points arrive from the
// worker while Run runs (PythonRuntime onLive) and the run's result has every curve whole.
// Drawn as a small SVG, redrawn at most once per animation frame.

const SVG = "http://www.w3.org/2000/svg";
const W = 320;
const H = 120;
const PAD = { left: 44, right: 8, top: 8, bottom: 18 };
const MAX_DRAWN = 600; // points per polyline; longer curves are thinned evenly

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function fmt(v) {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

export class LiveCurves {
  constructor(host) {
    this.host = host;
    this.curves = new Map(); // key -> {title, values}
    this.pending = false;
    host.hidden = true;
  }

  reset() {
    this.curves.clear();
    this.host.hidden = true;
    this.host.textContent = "";
    delete this.host.dataset.points;
  }

  /** One live message: {curves: [{key, title, start, values}]}. */
  update(data) {
    for (const part of (data && data.curves) || []) {
      let c = this.curves.get(part.key);
      if (!c) this.curves.set(part.key, (c = { title: part.title, values: [] }));
      c.values.length = Math.min(c.values.length, part.start);
      for (const v of part.values) c.values.push(v === null ? NaN : v);
    }
    this.schedule();
  }

  /** The run's result: every curve whole (replaces what streamed in). */
  final(curves) {
    this.curves.clear();
    curves.forEach((c, key) => this.curves.set(key, { title: c.title, values: c.values.map((v) => (v === null ? NaN : v)) }));
    this.draw();
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    const curves = [...this.curves.values()].filter((c) => c.values.length);
    if (!curves.length) {
      this.host.hidden = true;
      return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of curves) {
      for (const v of c.values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo === Infinity) [lo, hi] = [0, 1];
    const n = curves.reduce((m, c) => Math.max(m, c.values.length), 0);
    if (hi === lo) [lo, hi] = [lo - 0.5, hi + 0.5];
    const x = (i) => PAD.left + (n > 1 ? (i / (n - 1)) * (W - PAD.left - PAD.right) : 0);
    const y = (v) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
    const last = curves.map((c) => `${c.title}: ${c.values.length} points, last ${fmt(c.values[c.values.length - 1])}`).join("; ");
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "live-curve", role: "img", "aria-label": `Live curve. ${last}`, style: "display:block;width:100%;max-width:26rem;height:auto;background:#fff" });
    root.append(svg("line", { x1: PAD.left, y1: H - PAD.bottom, x2: W - PAD.right, y2: H - PAD.bottom, stroke: "#767676" }));
    root.append(svg("line", { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: H - PAD.bottom, stroke: "#767676" }));
    const label = (text, attrs) => {
      const t = svg("text", { "font-size": 10, fill: "#333", ...attrs });
      t.textContent = text;
      root.append(t);
    };
    label(fmt(hi), { x: PAD.left - 4, y: PAD.top + 8, "text-anchor": "end" });
    label(fmt(lo), { x: PAD.left - 4, y: H - PAD.bottom, "text-anchor": "end" });
    label(`${n} point${n === 1 ? "" : "s"}`, { x: W - PAD.right, y: H - 4, "text-anchor": "end" });
    const colours = ["#1f5fa8", "#b35900", "#2e7d32", "#8e24aa"];
    curves.forEach((c, k) => {
      const step = Math.max(1, Math.ceil(c.values.length / MAX_DRAWN));
      let d = "";
      let pen = false;
      for (let i = 0; i < c.values.length; i += step) {
        const v = c.values[i];
        if (!Number.isFinite(v)) {
          pen = false;
          continue;
        }
        d += `${pen ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
        pen = true;
      }
      const lastIndex = c.values.length - 1;
      if (step > 1 && Number.isFinite(c.values[lastIndex])) d += `L${x(lastIndex).toFixed(1)} ${y(c.values[lastIndex]).toFixed(1)}`;
      root.append(svg("path", { d, fill: "none", stroke: colours[k % colours.length], "stroke-width": 1.5 }));
    });
    const legend = document.createElement("p");
    legend.className = "live-curve-legend";
    legend.style.cssText = "margin:0.25rem 0 0.5rem;font-size:0.85em";
    legend.textContent = last;
    this.host.textContent = "";
    this.host.append(root, legend);
    this.host.hidden = false;
    this.host.dataset.points = String(curves.reduce((s, c) => s + c.values.length, 0));
  }
}
