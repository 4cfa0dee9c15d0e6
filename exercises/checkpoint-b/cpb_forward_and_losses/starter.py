import numpy as np


def actor_critic_forward(X, params):
    """Shared torso of two ReLU layers, then a linear value head and a linear policy head.

    X: (N, D). params: [(W1, b1), (W2, b2), (Wv, bv), (Wp, bp)] with Wv (H2, 1), Wp (H2, K).
    Returns (values, logits) of shapes (N,) and (N, K).
    """
    (W1, b1), (W2, b2), (Wv, bv), (Wp, bp) = params
    # TODO: the torso (two dense layers with ReLU), then the two linear heads.
    values = np.zeros(len(X))
    logits = np.zeros((len(X), Wp.shape[1]))
    return values, logits


def actor_critic_losses(X, params, returns, actions):
    """Return (value_loss, policy_loss): MSE of values vs returns, cross-entropy vs actions.

    returns: (N,) floats; actions: (N,) integers in 0..K-1.
    """
    values, logits = actor_critic_forward(X, params)
    # TODO: the mean squared error of the values, and the mean cross-entropy of the
    # logits against the actions (stable for logits of 1e4).
    value_loss = 0.0
    policy_loss = 0.0
    return value_loss, policy_loss
