"""Adam's moments start at zero: what the bias correction undoes, and what happens without it."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "Adam's running averages for a gradient that is always $g = 1$ (default "
    "$\\beta_1 = 0.9$, $\\beta_2 = 0.999$). **Left:** the raw averages start at 0 and only "
    "slowly approach the true values: $m_t = 1 - 0.9^t$ gets there in a few dozen steps, "
    "$v_t = 1 - 0.999^t$ needs thousands. Dividing by $1 - \\beta^t$ (dashed) gives exactly 1 "
    "from the first step. **Right:** the factor by which an Adam *without* bias correction "
    "makes its steps too large, $(1-\\beta_1^t)/\\sqrt{1-\\beta_2^t}$: 3.2 at the first step, "
    "6.6 at its peak (step 12), still 3.2 at step 100, and close to 1 only after a few thousand "
    "steps."
)
ALT = (
    "Two panels. Left: against steps 1 to 100, a blue curve m_t rising quickly from 0.1 to "
    "almost 1 within 40 steps, an orange curve v_t rising slowly from 0.001 to about 0.1, and "
    "a dashed line at exactly 1 for both corrected values. Right: on a logarithmic step axis "
    "from 1 to 10000, a red curve that starts at 3.2, rises to a peak of about 6.6 at step "
    "12, and falls back to 1 by step 5000, with a dashed line at 1."
)


def draw():
    fig, (left, right) = new_figure(6.4, 3.6, ncols=2)
    t = np.arange(1, 101)
    m = 1 - 0.9**t  # m_t for g = 1 from m_0 = 0 (closed form of the running average)
    v = 1 - 0.999**t
    left.plot(t, m, color=PALETTE["blue"], linewidth=1.8, label="$m_t$ (raw)")
    left.plot(t, v, color=PALETTE["orange"], linewidth=1.8, label="$v_t$ (raw)")
    left.plot(
        t,
        m / (1 - 0.9**t),
        "--",
        color=PALETTE["grey"],
        linewidth=1.4,
        label="$\\hat m_t$, $\\hat v_t$",
    )
    left.set_ylim(0.0, 1.15)
    left.set_xlabel("step $t$")
    left.set_title("moments for $g = 1$", fontsize=11)
    left.legend(fontsize=9, loc="center right")

    t = np.arange(1, 10_001)
    ratio = (1 - 0.9**t) / np.sqrt(1 - 0.999**t)
    right.semilogx(t, ratio, color=PALETTE["red"], linewidth=1.8)
    right.axhline(1.0, color=PALETTE["grey"], linestyle="--", linewidth=1.2)
    peak = int(np.argmax(ratio))
    right.plot(t[peak], ratio[peak], "o", color=PALETTE["red"], markersize=5)
    right.annotate(
        f"{ratio[peak]:.2f} at step {t[peak]}",
        (t[peak], ratio[peak]),
        xytext=(25, 5.6),
        fontsize=9,
        arrowprops={"arrowstyle": "-", "color": PALETTE["grey"]},
    )
    right.set_ylim(0.0, 7.5)
    right.set_xlabel("step $t$ (log scale)")
    right.set_title("step without correction / with", fontsize=11)
    return fig
