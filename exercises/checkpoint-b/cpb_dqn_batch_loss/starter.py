import numpy as np


def q_network(X, params):
    """Q-values of a batch of states: ReLU after every layer but the last (linear head).

    X: (N, D). params: list of (W, b) pairs, at least one. Returns (N, A).
    """
    # TODO: one dense layer per (W, b); ReLU after all of them except the last.
    W, b = params[-1]
    return np.zeros((len(X), W.shape[1]))


def dqn_batch_loss(params, target_params, batch, gamma, huber_delta=None):
    """Return (loss, td_errors) of the DQN loss on one batch of transitions.

    batch: dict of "states" (N, D), "actions" (N,) ints, "rewards" (N,),
    "next_states" (N, D), "dones" (N,) floats 0.0 or 1.0.
    """
    # TODO: Q(s_i, a_i) from the online network, TD targets from the target network,
    # then the mean squared (or Huber) TD error.
    td_errors = np.zeros(len(batch["actions"]))
    return 0.0, td_errors
