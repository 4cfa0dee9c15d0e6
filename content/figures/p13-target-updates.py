"""How a target network follows the online one: hard copies every C steps vs soft updates."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "One weight of the online network (grey) drifts and jitters as gradient descent trains "
    "it. A **hard** target update (blue) copies it every $C$ steps and holds it still in "
    "between (the Nature DQN uses $C = 10{,}000$ updates; here $C = 100$). A **soft** update "
    "(orange, $\\tau = 0.02$) moves the target a fraction $\\tau$ of the way after every "
    "step: a smooth curve that lags about $1/\\tau = 50$ steps behind."
)
ALT = (
    "A line chart over 400 training steps. A grey jagged line rises from 0 to about 2. A blue "
    "staircase jumps to the grey line's value at steps 100, 200 and 300 and is flat between. "
    "An orange smooth curve follows the grey line with a delay."
)


def draw():
    rng = np.random.default_rng(13)
    steps = 400
    online = np.cumsum(0.005 + 0.03 * rng.standard_normal(steps))
    hard = np.empty(steps)
    soft = np.empty(steps)
    h = s = online[0]
    for t in range(steps):
        if t % 100 == 0:
            h = online[t]
        s = 0.02 * online[t] + 0.98 * s
        hard[t], soft[t] = h, s
    fig, ax = new_figure(6.4, 3.4)
    ax.plot(online, color=PALETTE["grey"], linewidth=1.2, label="online weight $\\theta$")
    ax.plot(
        hard,
        color=PALETTE["blue"],
        linewidth=2.2,
        drawstyle="steps-post",
        label="hard update, every C = 100 steps",
    )
    ax.plot(soft, color=PALETTE["orange"], linewidth=2.2, label="soft update, $\\tau$ = 0.02")
    ax.set_xlabel("training step")
    ax.set_ylabel("weight value")
    ax.legend(fontsize=9, loc="upper left")
    return fig
