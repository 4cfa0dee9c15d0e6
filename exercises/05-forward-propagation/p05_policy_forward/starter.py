import numpy as np


def policy_forward(X, params):
    """Action probabilities (N, A) of an MLP policy: ReLU hidden layers, softmax over logits."""
    # TODO: forward pass to the logits, then a stable softmax over the last axis.
    n_actions = params[-1][1].shape[0]
    return np.full((X.shape[0], n_actions), 1.0 / n_actions)
