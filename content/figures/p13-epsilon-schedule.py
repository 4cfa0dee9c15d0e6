"""Epsilon schedules: Nature DQN's linear decay and Dopamine's, to 0.01."""

import numpy as np
from _style import PALETTE, new_figure

CAPTION = (
    "How much the agent explores over training. The Nature DQN (solid) anneals "
    "$\\varepsilon$ linearly from 1.0 to 0.1 over the first million frames and keeps 0.1 for "
    "the remaining 49 million. Google's Dopamine library (dashed) goes lower: it plays "
    "randomly for 20,000 agent steps (80,000 frames), then anneals to 0.01 over 250,000 agent "
    "steps, which at 4 frames per step is the same million frames. The shaded area is the "
    "first 50,000 frames, during which the Nature DQN only fills its replay buffer with "
    "random play, before the first update."
)
ALT = (
    "A line chart of epsilon against frames from 0 to 3 million. A solid line falls "
    "straight from 1.0 at 0 frames to 0.1 at 1 million frames and stays flat at 0.1. A dashed "
    "line stays at 1.0 until 80,000 frames, falls to 0.01 by 1.08 million frames and stays flat. A narrow shaded band covers "
    "the first 50,000 frames."
)


def linear(step, start, end, decay, warmup=0):
    return start + np.clip((step - warmup) / decay, 0.0, 1.0) * (end - start)


def draw():
    frames = np.linspace(0, 3_000_000, 601)
    fig, ax = new_figure(6.4, 3.4)
    ax.axvspan(0, 50_000, color=PALETTE["shade"], zorder=0)
    ax.plot(
        frames,
        linear(frames, 1.0, 0.1, 1_000_000),
        color=PALETTE["blue"],
        linewidth=2.5,
        label="Nature DQN: 1.0 to 0.1 over 1M frames",
    )
    ax.plot(
        frames,
        linear(frames, 1.0, 0.01, 4 * 250_000, warmup=4 * 20_000),  # agent steps x 4 frames
        "--",
        color=PALETTE["orange"],
        linewidth=2,
        label="Dopamine: 1.0 to 0.01 over 250k agent steps",
    )
    ax.annotate(
        "first 50k frames: random play,\nthe buffer fills, no updates yet",
        xy=(25_000, 0.6),
        xytext=(1_150_000, 0.6),
        fontsize=9,
        color="#4a525c",
        va="center",
        arrowprops=dict(arrowstyle="->", color="#4a525c"),
    )
    ax.set_xlabel("frames seen")
    ax.set_ylabel("$\\varepsilon$ (probability of a random action)")
    ax.set_xticks([0, 1_000_000, 2_000_000, 3_000_000], ["0", "1M", "2M", "3M"])
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=9, loc="upper right")
    return fig
