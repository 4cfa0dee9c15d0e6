# Bug: applies ReLU after the last layer too, so no Q-value can be negative.
# expect: Q-values can be negative
import numpy as np


def q_network(X, params):
    A = X
    for W, b in params:
        A = np.maximum(A @ W + b, 0.0)
    return A


def dqn_batch_loss(params, target_params, batch, gamma, huber_delta=None):
    actions = batch["actions"]
    q = q_network(batch["states"], params)
    q_taken = q[np.arange(len(actions)), actions]
    next_q = q_network(batch["next_states"], target_params)
    targets = batch["rewards"] + gamma * (1.0 - batch["dones"]) * np.max(next_q, axis=1)
    td_errors = q_taken - targets
    if huber_delta is None:
        per_sample = td_errors**2
    else:
        size = np.abs(td_errors)
        per_sample = np.where(
            size <= huber_delta, 0.5 * td_errors**2, huber_delta * (size - 0.5 * huber_delta)
        )
    return float(np.mean(per_sample)), td_errors
