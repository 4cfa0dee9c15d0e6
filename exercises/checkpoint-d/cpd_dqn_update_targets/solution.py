import numpy as np


def dqn_update(q_fn, params, target_params, batch, gamma, delta=1.0):
    """Return (loss, td_errors, dq) of one DQN update on a replay batch.

    q_fn(obs, params) -> (N, A) Q-values. batch: "obs", "actions" (N,) ints, "rewards" (N,),
    "next_obs", "dones" (N,) 0.0/1.0. dq is dLoss/dQ, shape (N, A), for the online Q-values.
    """
    actions = batch["actions"]
    n = len(actions)
    rows = np.arange(n)
    q = q_fn(batch["obs"], params)  # (N, A), online network
    next_q = q_fn(batch["next_obs"], target_params)  # (N, A), target network only
    targets = batch["rewards"] + gamma * (1.0 - batch["dones"]) * np.max(next_q, axis=1)
    td_errors = q[rows, actions] - targets  # (N,) prediction minus target
    size = np.abs(td_errors)
    per_sample = np.where(size <= delta, 0.5 * td_errors**2, delta * (size - 0.5 * delta))
    dq = np.zeros(q.shape)
    dq[rows, actions] = np.clip(td_errors, -delta, delta) / n  # Huber's slope, then the mean
    return float(np.mean(per_sample)), td_errors, dq


def sync_target(target, online, n_updates, period):
    """Hard update: a copy of online (new arrays) when n_updates is a multiple of period,
    else target unchanged."""
    if n_updates % period == 0:
        return {key: np.array(value, copy=True) for key, value in online.items()}
    return target
