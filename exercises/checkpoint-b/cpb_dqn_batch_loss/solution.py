import numpy as np


def q_network(X, params):
    """Q-values of a batch of states: ReLU after every layer but the last (linear head).

    X: (N, D). params: list of (W, b) pairs, at least one. Returns (N, A).
    """
    A = X
    for i, (W, b) in enumerate(params):
        Z = A @ W + b
        A = Z if i == len(params) - 1 else np.maximum(Z, 0.0)
    return A


def dqn_batch_loss(params, target_params, batch, gamma, huber_delta=None):
    """Return (loss, td_errors) of the DQN loss on one batch of transitions.

    batch: dict of "states" (N, D), "actions" (N,) ints, "rewards" (N,),
    "next_states" (N, D), "dones" (N,) floats 0.0 or 1.0.
    """
    states, actions = batch["states"], batch["actions"]
    q = q_network(states, params)  # (N, A) from the online network
    q_taken = q[np.arange(len(actions)), actions]  # (N,) Q(s_i, a_i)
    next_q = q_network(batch["next_states"], target_params)  # (N, A) from the target network
    targets = batch["rewards"] + gamma * (1.0 - batch["dones"]) * np.max(next_q, axis=1)
    td_errors = q_taken - targets  # (N,) prediction minus target
    if huber_delta is None:
        per_sample = td_errors**2
    else:
        size = np.abs(td_errors)
        per_sample = np.where(
            size <= huber_delta,
            0.5 * td_errors**2,
            huber_delta * (size - 0.5 * huber_delta),
        )
    return float(np.mean(per_sample)), td_errors
