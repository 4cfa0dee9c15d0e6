# Bug: builds the folded weights in the dtype of W, so integer W truncates a bias of 0.5 to 0.
# expect: expected a float dtype, got int
import numpy as np


def step_layer(X, W, b):
    return (X @ W + b >= 0).astype(int)


def fold_layer_bias(X, W, b):
    X_aug = np.hstack([X, np.ones((X.shape[0], 1), dtype=X.dtype)])
    W_aug = np.vstack([W, np.asarray(b).astype(W.dtype)])
    return X_aug, W_aug
