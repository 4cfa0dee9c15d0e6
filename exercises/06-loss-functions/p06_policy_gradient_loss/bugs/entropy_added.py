# Bug: adds the entropy term, which pushes the policy to become deterministic.
# expect: subtract entropy_coef * mean entropy
import numpy as np


def policy_gradient_loss(logits, actions, advantages, entropy_coef=0.0):
    m = np.max(logits, axis=1, keepdims=True)
    logp = logits - m - np.log(np.sum(np.exp(logits - m), axis=1, keepdims=True))
    chosen = logp[np.arange(len(actions)), actions]
    entropy = -np.sum(np.exp(logp) * logp, axis=1)
    return float(-np.mean(advantages * chosen) + entropy_coef * np.mean(entropy))
