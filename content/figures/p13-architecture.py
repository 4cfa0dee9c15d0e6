"""The Nature DQN from an 84x84x4 stack to one Q-value per action, with every shape.

No parameter counts: counting them is the page's first exercise (the parameter-share
figure, placed after it, shows them).
"""

from _style import PALETTE, new_figure
from matplotlib.patches import FancyBboxPatch

CAPTION = (
    "The Nature DQN, one sample at a time. Four preprocessed $84 \\times 84$ frames enter as "
    "4 channels; three convolutions (each followed by a ReLU) shrink them to 64 maps of "
    "$7 \\times 7$; the flatten turns those into 3,136 numbers; a dense layer of 512 units "
    "(ReLU) and a linear layer give one Q-value per action. Under each block: its output "
    "shape and, for the layers with weights, the shape of the weight array. With a batch, "
    "every activation gets a leading $N$."
)
ALT = (
    "A diagram of seven blocks in two rows, connected by arrows, the first row left to right "
    "from input to conv3, the second row from flatten to fc2. Input: 4 x 84 x 84 (4 stacked frames). "
    "conv1: 32 filters 8x8 stride 4, weights (32, 4, 8, 8), output 32 x 20 x 20. conv2: 64 "
    "filters 4x4 stride 2, weights (64, 32, 4, 4), output 64 x 9 x 9. conv3: 64 filters 3x3 "
    "stride 1, weights (64, 64, 3, 3), output 64 x 7 x 7. flatten: 3136. fc1: weights "
    "(3136, 512), output 512. fc2: weights (512, A), output A Q-values, no ReLU."
)

BLOCKS = [
    ("input", "4 stacked frames", "(4, 84, 84)", "", "grey"),
    ("conv1", "32 @ 8x8\nstride 4", "(32, 20, 20)", "W (32, 4, 8, 8)", "blue"),
    ("conv2", "64 @ 4x4\nstride 2", "(64, 9, 9)", "W (64, 32, 4, 4)", "blue"),
    ("conv3", "64 @ 3x3\nstride 1", "(64, 7, 7)", "W (64, 64, 3, 3)", "blue"),
    ("flatten", "C order", "(3136,)", "", "grey"),
    ("fc1", "dense, 512 units", "(512,)", "W (3136, 512)", "orange"),
    ("fc2", "dense, A units", "(A,): Q-values", "W (512, A)", "green"),
]


def _block(ax, x, y, block, w=1.3, h=0.9):
    name, what, out, wshape, colour = block
    ax.add_patch(
        FancyBboxPatch(
            (x, y),
            w,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor="white",
            edgecolor=PALETTE[colour],
            linewidth=2,
        )
    )
    ax.text(
        x + w / 2,
        y + 0.66,
        name,
        ha="center",
        va="center",
        fontsize=11,
        fontweight="bold",
        color=PALETTE[colour],
    )
    ax.text(x + w / 2, y + 0.3, what, ha="center", va="center", fontsize=9, linespacing=1.1)
    ax.text(x + w / 2, y - 0.2, out, ha="center", va="center", fontsize=10)
    if wshape:
        ax.text(x + w / 2, y - 0.5, wshape, ha="center", va="center", fontsize=9, color="#4a525c")


def _arrow(ax, x0, y0, x1, y1, label=""):
    ax.annotate(
        "", xy=(x1, y1), xytext=(x0, y0), arrowprops=dict(arrowstyle="->", color="#4a525c", lw=1.3)
    )
    if label:
        ax.text(
            (x0 + x1) / 2,
            (y0 + y1) / 2 + 0.12,
            label,
            ha="center",
            va="bottom",
            fontsize=9,
            color="#4a525c",
        )


def draw():
    fig, ax = new_figure(6.6, 4.4)
    w, step = 1.3, 1.75  # gaps of 0.45 leave room for the "ReLU" labels
    top, bottom = 2.4, 0.0
    for i, block in enumerate(BLOCKS[:4]):
        _block(ax, i * step, top, block, w)
        if i:
            _arrow(
                ax, (i - 1) * step + w, top + 0.45, i * step, top + 0.45, "ReLU" if i >= 2 else ""
            )
    # conv3 -> flatten: down and back to the left
    _arrow(ax, 3 * step + w / 2, top - 0.95, 0.5 * step + w / 2, bottom + 0.98)
    ax.text(1.9 * step + w / 2, 1.05, "ReLU", ha="center", va="center", fontsize=9, color="#4a525c")
    for i, block in enumerate(BLOCKS[4:]):
        x = (0.5 + 1.05 * i) * step
        _block(ax, x, bottom, block, w)
        if i:
            _arrow(
                ax,
                (0.5 + 1.05 * (i - 1)) * step + w,
                bottom + 0.45,
                x,
                bottom + 0.45,
                "ReLU" if i == 2 else "",
            )
    ax.text(
        2.6 * step + w + 0.08,
        bottom + 0.45,
        "no\nReLU",
        ha="left",
        va="center",
        fontsize=9,
        color=PALETTE["green"],
    )
    ax.text(
        2 * step,
        3.75,
        "Nature DQN, one sample: output shapes and weight shapes",
        ha="center",
        va="center",
        fontsize=11,
    )
    ax.set_xlim(-0.1, 4 * step + 0.1)
    ax.set_ylim(-0.75, 3.95)
    ax.axis("off")
    return fig
