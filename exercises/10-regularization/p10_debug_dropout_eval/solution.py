import numpy as np


def q_values(X, params, p, rng, train=True):
    """Q-values of a batch of states X (N, D) from an MLP with dropout; returns (N, A).

    params: list of (W, b); ReLU after every layer but the last. Inverted dropout with drop
    probability p after every hidden ReLU when train=True; no dropout when train=False.
    """
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        if i == len(params) - 1:
            return Z  # linear output layer: one Q-value per action
        A = np.maximum(Z, 0.0)
        if train:
            keep = rng.random(A.shape) >= p
            A = A * keep / (1.0 - p)  # inverted dropout: the scaling is done here
        # evaluation: nothing to do, the training-time scaling already matched the expectations
