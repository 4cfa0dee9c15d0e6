import numpy as np


def dqn_update(q_fn, params, target_params, batch, gamma, delta=1.0):
    """Return (loss, td_errors, dq) of one DQN update on a replay batch.

    q_fn(obs, params) -> (N, A) Q-values. batch: "obs", "actions" (N,) ints, "rewards" (N,),
    "next_obs", "dones" (N,) 0.0/1.0. dq is dLoss/dQ, shape (N, A), for the online Q-values.
    """
    # TODO: Q(s_i, a_i) from the online network, TD targets from the target network with
    # the done mask, the mean Huber loss of the TD errors, and its gradient dq.
    q = q_fn(batch["obs"], params)
    td_errors = np.zeros(len(batch["actions"]))
    return 0.0, td_errors, np.zeros(q.shape)


def sync_target(target, online, n_updates, period):
    """Hard update: a copy of online (new arrays) when n_updates is a multiple of period,
    else target unchanged."""
    # TODO
    return target
