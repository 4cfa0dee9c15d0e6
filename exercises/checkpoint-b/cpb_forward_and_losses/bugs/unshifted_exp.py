# Bug: log-softmax without subtracting the row max; exp(1e4) overflows to inf and inf/inf is nan.
# expect: exp(1e4) overflows
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
    log_probs = logits - np.log(np.sum(np.exp(logits), axis=1, keepdims=True))
    policy_loss = float(-np.mean(log_probs[np.arange(len(actions)), actions]))
    return value_loss, policy_loss
