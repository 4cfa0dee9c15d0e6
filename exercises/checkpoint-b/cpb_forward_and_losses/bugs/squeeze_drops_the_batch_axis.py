# Bug: np.squeeze turns the (N, 1) value column into (N,), but for a batch of one it returns shape ().
# expect: expected shape (1,), got ()
import numpy as np


def relu(z):
    return np.maximum(z, 0.0)


def actor_critic_forward(X, params):
    (W1, b1), (W2, b2), (Wv, bv), (Wp, bp) = params
    H1 = relu(X @ W1 + b1)
    H2 = relu(H1 @ W2 + b2)
    values = np.squeeze(H2 @ Wv + bv)
    logits = H2 @ Wp + bp
    return values, logits


def actor_critic_losses(X, params, returns, actions):
    values, logits = actor_critic_forward(X, params)
    value_loss = float(np.mean((values - returns) ** 2))
    shifted = logits - np.max(logits, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    policy_loss = float(-np.mean(log_probs[np.arange(len(actions)), actions]))
    return value_loss, policy_loss
