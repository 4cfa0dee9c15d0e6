import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def actor_critic_forward(X, params):
    """Shared torso of two ReLU layers, then a linear value head and a linear policy head.

    X: (N, D). params: [(W1, b1), (W2, b2), (Wv, bv), (Wp, bp)] with Wv (H2, 1), Wp (H2, K).
    Returns (values, logits) of shapes (N,) and (N, K).
    """
    (W1, b1), (W2, b2), (Wv, bv), (Wp, bp) = params
    H1 = relu(X @ W1 + b1)  # (N, H1)
    H2 = relu(H1 @ W2 + b2)  # (N, H2)
    values = (H2 @ Wv + bv)[:, 0]  # (N, 1) -> (N,): one value per state
    logits = H2 @ Wp + bp  # (N, K), no activation: softmax belongs to the loss
    return values, logits


def actor_critic_losses(X, params, returns, actions):
    """Return (value_loss, policy_loss): MSE of values vs returns, cross-entropy vs actions."""
    values, logits = actor_critic_forward(X, params)
    value_loss = float(np.mean((values - returns) ** 2))
    shifted = logits - np.max(logits, axis=1, keepdims=True)  # (N, K), row max is 0
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    picked = log_probs[np.arange(len(actions)), actions]  # (N,) log pi(a_i | s_i)
    policy_loss = float(-np.mean(picked))
    return value_loss, policy_loss
