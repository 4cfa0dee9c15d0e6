import numpy as np


def policy_gradient_loss(logits, actions, advantages, entropy_coef=0.0):
    """-mean(A * log pi(a|s)) - entropy_coef * mean(entropy of pi), from logits (N, K)."""
    m = np.max(logits, axis=1, keepdims=True)
    logp = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))  # (N, K)
    chosen = logp[np.arange(len(actions)), actions]  # (N,) log pi(a_i | s_i)
    entropy = -np.sum(np.exp(logp) * logp, axis=1)  # (N,), finite: logp is finite
    return float(-np.mean(advantages * chosen) - entropy_coef * np.mean(entropy))
