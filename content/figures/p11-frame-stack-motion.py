"""Four stacked frames with a moving ball, and a 1x1 filter across the channels that sees motion."""

import numpy as np
from _p11_frames import pong_frame
from _style import new_figure

CAPTION = (
    "A DQN state is a stack of the last four frames, the input's four channels (here cropped "
    "around the ball, which moves 3 pixels to the right per frame). A $1 \\times 1$ filter with "
    'weights $(0, 0, -1, 1)$ across the channels computes "newest frame minus the one '
    'before" at every pixel (right): $+0.8$ (red) where the ball is now, $-0.8$ (blue) where '
    "it was, 0 (white) wherever nothing moved. One feature map shows the direction of "
    "motion, which no single frame can."
)
ALT = (
    "Five small square images in a row. The first four are grey crops of frames t-3, t-2, t-1 "
    "and t, each with a small white ball that is further to the right in each frame. The fifth "
    "is the motion map: white everywhere except a red square where the ball is in frame t and "
    "a blue square just to its left where it was in frame t-1."
)


def draw():
    stack = np.stack([pong_frame(ball=(40, 30 + 3 * t)) for t in range(4)])
    motion = np.tensordot(np.array([0.0, 0.0, -1.0, 1.0]), stack, axes=1)
    crop = (slice(30, 52), slice(24, 50))
    fig, axes = new_figure(6.4, 1.55, ncols=5)
    for t, ax in enumerate(axes[:4]):
        ax.imshow(stack[t][crop], cmap="gray", vmin=0.0, vmax=1.0)
        ax.set_title(f"channel {t}: $t{t - 3:+d}$" if t < 3 else "channel 3: $t$", fontsize=10)
    axes[4].imshow(motion[crop], cmap="RdBu_r", vmin=-1.0, vmax=1.0)
    axes[4].set_title("$x_3 - x_2$", fontsize=10)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color("#9aa3ad")
    return fig
