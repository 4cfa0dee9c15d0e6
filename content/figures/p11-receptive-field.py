"""The receptive fields of one unit of each of the DQN's three conv layers, and their growth."""

from _p11_frames import outline, pong_frame
from _style import PALETTE, new_figure
from matplotlib.lines import Line2D

CAPTION = (
    "Left: the pixels that can influence one unit of each of the Nature DQN's convolutional "
    "layers, on an $84 \\times 84$ frame: $8 \\times 8$ for the first layer ($8 \\times 8$ "
    "filters), $20 \\times 20$ for the second, $36 \\times 36$ for the third. Right: the "
    "receptive field's width grows by $(K_\\ell - 1) J_{\\ell - 1}$ per layer, where the jump "
    "$J$ is the product of the strides so far. With strides (the DQN: 4, 2, 1) it grows "
    "fast; a stack of $3 \\times 3$ stride-1 layers gains only 2 pixels per layer."
)
ALT = (
    "Left: the Pong-like frame with three nested squares near its centre: a small green 8 by "
    "8 square inside an orange 20 by 20 square inside a blue 36 by 36 square, labelled conv1, "
    "conv2 and conv3. Right: a line chart of receptive field width in pixels against layer "
    "number. The DQN line rises 8, 20, 36 over three layers; a line for 3 by 3 stride-2 layers "
    "rises 3, 7, 15, 31, 63; a line for 3 by 3 stride-1 layers rises slowly 3, 5, 7, 9, 11."
)


def fields(kernels, strides):
    r, jump, out = 1, 1, []
    for k, s in zip(kernels, strides):
        r += (k - 1) * jump
        jump *= s
        out.append(r)
    return out


def draw():
    fig, (ax, ax2) = new_figure(6.4, 3.3, ncols=2, gridspec_kw={"width_ratios": [1, 1.15]})
    ax.imshow(pong_frame(ball=(44, 44)), cmap="gray", vmin=-0.8, vmax=1.2)
    ax.grid(False)
    # conv3 unit (3, 3) reads pixels 24..59; conv2 unit 4 reads 32..51; conv1 unit 9 reads 36..43.
    boxes = [(24, 36, "conv3", PALETTE["blue"]), (32, 20, "conv2", PALETTE["orange"]),
             (36, 8, "conv1", PALETTE["green"])]  # fmt: skip
    handles = []
    for start, size, name, color in boxes:
        outline(ax, start - 0.5, start - 0.5, size, size, color, lw=2.2)
        handles.append(Line2D([], [], color=color, lw=2.2, label=f"{name}: {size}×{size}"))
    ax.legend(handles=handles[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2,
              fontsize=9, frameon=False, columnspacing=0.8, handlelength=1.2)  # fmt: skip
    ax.set_xticks([0, 42, 83])
    ax.set_yticks([0, 42, 83])
    ax.tick_params(labelsize=9)
    depth = range(1, 6)
    ax2.plot([1, 2, 3], fields([8, 4, 3], [4, 2, 1]), "o-", color=PALETTE["blue"],
             label="DQN (8/4, 4/2, 3/1)")  # fmt: skip
    ax2.plot(depth, fields([3] * 5, [2] * 5), "s--", color=PALETTE["orange"], label="3×3, stride 2")
    ax2.plot(depth, fields([3] * 5, [1] * 5), "^:", color=PALETTE["green"], label="3×3, stride 1")
    for x, y in zip([1, 2, 3], [8, 20, 36]):
        ax2.annotate(str(y), (x, y), textcoords="offset points", xytext=(7, -10), fontsize=9)
    ax2.set_xlabel("layer", fontsize=11)
    ax2.set_ylabel("receptive field (pixels)", fontsize=11)
    ax2.set_xticks(list(depth))
    ax2.legend(fontsize=9, loc="upper left")
    return fig
