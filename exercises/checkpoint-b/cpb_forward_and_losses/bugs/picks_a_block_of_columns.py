# Bug: log_probs[:, actions] picks an (N, N) block (every row at every label), not one entry per row.
# expect: picks an (N, N) block
import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def actor_critic_forward(X, params):
    (W1, b1), (W2, b2), (Wv, bv), (Wp, bp) = params
    H1 = relu(X @ W1 + b1)
    H2 = relu(H1 @ W2 + b2)
    return (H2 @ Wv + bv)[:, 0], H2 @ Wp + bp


def actor_critic_losses(X, params, returns, actions):
    values, logits = actor_critic_forward(X, params)
    value_loss = float(np.mean((values - returns) ** 2))
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    policy_loss = float(-np.mean(log_probs[:, actions]))
    return value_loss, policy_loss
