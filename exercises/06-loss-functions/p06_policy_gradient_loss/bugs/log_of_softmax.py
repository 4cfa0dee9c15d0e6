# Bug: np.log(softmax(z)): a probability that underflows gives log 0 = -inf, then nan.
# expect: never np.log(softmax(z))
import numpy as np


def policy_gradient_loss(logits, actions, advantages, entropy_coef=0.0):
    e = np.exp(logits - np.max(logits, axis=1, keepdims=True))
    p = e / np.sum(e, axis=1, keepdims=True)
    logp = np.log(p)
    chosen = logp[np.arange(len(actions)), actions]
    entropy = -np.sum(p * logp, axis=1)
    return float(-np.mean(advantages * chosen) - entropy_coef * np.mean(entropy))
