import numpy as np


def staircase_network(knots, values):
    """Weights of a 1-H-1 network (step hidden units, linear output) that draws a staircase.

    knots:  (K+1,) strictly increasing floats t_0 < t_1 < ... < t_K.
    values: (K,) floats; the network must output values[k] for t_k <= x < t_{k+1}
            and 0 for x < t_0 or x >= t_K.
    The network is  f(x) = step(x @ W1 + b1) @ W2 + b2  for x of shape (N, 1), with
    step(z) = 1 if z >= 0 else 0 and NO activation on the output.
    Returns [(W1, b1), (W2, b2)] with shapes (1, H), (H,), (H, 1), (1,); you choose H.
    """
    # TODO: one hidden unit per knot that switches on at that knot; the output weights
    # are the jumps of the staircase.
    K = len(values)
    W1 = np.ones((1, K))
    b1 = -np.asarray(knots[:-1], dtype=float)
    W2 = np.asarray(values, dtype=float).reshape(-1, 1)
    b2 = np.zeros(1)
    return [(W1, b1), (W2, b2)]
