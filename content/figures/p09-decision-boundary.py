"""The decision boundary on the spirals after 1, 60, 90 and 150 epochs of the page's run."""

import numpy as np
from _p09_spirals import forward, init, spirals, step
from _style import PALETTE, new_figure

CAPTION = (
    "The page's run (layers `[2, 32, 32, 2]`, batches of 20, $\\text{lr} = 0.2$, seed 0), "
    "seen through its predictions: the shading is the network's probability of class 1 at "
    "every point of the plane (orange near 1, blue near 0) and the black line is where it is "
    "0.5, the decision boundary. After one epoch the boundary is little more than a bent "
    "line. By epoch 60 the network has sat on a plateau for a while (its loss curve is flat "
    "there too): it gets the easy outer parts right and little else. Then the boundary "
    "starts to curl, and by epoch 90 it follows most of both arms; at epoch 150 it winds "
    "between them everywhere. Each title gives the training accuracy."
)
ALT = (
    "Four square panels in a 2 by 2 grid, each showing the two spirals as blue circles and "
    "orange triangles over a blue-to-orange shaded background with a black boundary line. "
    "In the first two panels the boundary is an almost straight, slightly bent line; in the "
    "third it curls along most of the arms, and in the last it winds between them."
)


def draw():
    X, y = spirals(100, seed=0)
    params = init([2, 32, 32, 2], 0)
    rng = np.random.default_rng(0)
    snapshots = {}
    for epoch in range(1, 151):
        order = rng.permutation(len(y))
        for start in range(0, len(y), 20):
            idx = order[start : start + 20]
            params, _ = step(params, X[idx], y[idx], 0.2)
        if epoch in (1, 60, 90, 150):
            snapshots[epoch] = params

    grid = np.linspace(-1.2, 1.2, 121)
    gx, gy = np.meshgrid(grid, grid)
    points = np.stack([gx.ravel(), gy.ravel()], axis=1)
    fig, axes = new_figure(6.4, 6.4, nrows=2, ncols=2)
    for ax, (epoch, p) in zip(axes.ravel(), snapshots.items()):
        logits = forward(points, p)[0]
        prob1 = 1.0 / (1.0 + np.exp(logits[:, 0] - logits[:, 1]))  # softmax of two classes
        surface = prob1.reshape(gx.shape)
        ax.contourf(gx, gy, surface, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.45,
                    vmin=-0.1, vmax=1.1)  # fmt: skip
        ax.contour(gx, gy, surface, levels=[0.5], colors="black", linewidths=1.2)
        ax.scatter(*X[y == 0].T, s=8, marker="o", color=PALETTE["blue"])
        ax.scatter(*X[y == 1].T, s=9, marker="^", color=PALETTE["orange"])
        acc = np.mean(np.argmax(forward(X, p)[0], axis=1) == y)
        ax.set_title(f"after epoch {epoch}: {acc:.0%} right", fontsize=11)
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
    return fig
