# Bug: applies a ReLU inside the layer, so negative pre-activations (and Q-values) become 0.
# expect: an activation was applied
import numpy as np


def dense_forward(X, W, b):
    return np.maximum(X @ W + b, 0.0)
