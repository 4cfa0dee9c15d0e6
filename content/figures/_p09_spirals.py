"""Shared by the p09 figures: the page's spirals and the small MLP trained with plain SGD.

The same recipe as the page's `train_mlp` (He init, ReLU, softmax cross-entropy, batches),
written once so that every p09 figure shows the same run.
"""

import numpy as np


def spirals(n, seed=0):
    """The page's make_spirals: two interleaved arms of n points, labels 0 and 1."""
    rng = np.random.default_rng(seed)
    t = (np.arange(n) + 0.5) / n
    radius = 0.1 + 0.9 * t
    X = np.empty((2 * n, 2))
    y = np.empty(2 * n, dtype=np.int64)
    for k in range(2):
        angle = 3.0 * np.pi * t + k * np.pi
        X[k * n : (k + 1) * n, 0] = radius * np.cos(angle)
        X[k * n : (k + 1) * n, 1] = radius * np.sin(angle)
        y[k * n : (k + 1) * n] = k
    return X + rng.normal(0.0, 0.04, size=X.shape), y


def init(sizes, seed):
    rng = np.random.default_rng(seed)
    return [
        (rng.normal(0.0, np.sqrt(2.0 / a), size=(a, b)), np.zeros(b))
        for a, b in zip(sizes[:-1], sizes[1:])
    ]


def forward(X, params):
    cache, A = [], X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        cache.append((A, Z))
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A, cache


def loss_grad(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    grad = np.exp(log_p)
    grad[np.arange(len(y)), y] -= 1.0
    return float(-np.mean(log_p[np.arange(len(y)), y])), grad / len(y)


def step(params, Xb, yb, lr):
    """One SGD step on a batch; returns (new params, the batch's loss before the step)."""
    logits, cache = forward(Xb, params)
    loss, dA = loss_grad(logits, yb)
    grads = [None] * len(params)
    for i in reversed(range(len(params))):
        A_in, Z = cache[i]
        dZ = dA if i == len(params) - 1 else np.where(Z > 0, dA, 0.0)
        grads[i] = (A_in.T @ dZ, dZ.sum(axis=0))
        dA = dZ @ params[i][0].T
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads)], loss
