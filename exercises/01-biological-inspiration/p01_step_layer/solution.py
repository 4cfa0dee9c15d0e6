import numpy as np


def step_layer(X, W, b):
    """Return the (N, M) integer array: 1 where neuron m fires on input n (ties fire)."""
    Z = X @ W + b  # (N, D) @ (D, M) + (M,) -> (N, M)
    return (Z >= 0).astype(int)


def fold_layer_bias(X, W, b):
    """Return (X_aug, W_aug): X with a column of ones, W with b as a last row (floats)."""
    X_aug = np.hstack([X, np.ones((X.shape[0], 1))]).astype(float)  # (N, D + 1)
    W_aug = np.vstack([W, b]).astype(float)  # (D + 1, M)
    return X_aug, W_aug
