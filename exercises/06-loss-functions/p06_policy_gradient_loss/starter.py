import numpy as np


def policy_gradient_loss(logits, actions, advantages, entropy_coef=0.0):
    """-mean(A * log pi(a|s)) - entropy_coef * mean(entropy of pi), from logits (N, K)."""
    # TODO: a stable log-softmax, the log-probability of each taken action, the entropy.
    return 0.0
