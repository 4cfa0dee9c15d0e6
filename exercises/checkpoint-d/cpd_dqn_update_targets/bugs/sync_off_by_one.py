# Bug: syncs one update late (n_updates % period == 1 instead of == 0): at 4, 8, ... the target stays stale.
# expect: n_updates=1, period=4)['fc_w'] (expected target unchanged)
import numpy as np


def dqn_update(q_fn, params, target_params, batch, gamma, delta=1.0):
    actions = batch["actions"]
    n = len(actions)
    rows = np.arange(n)
    q = q_fn(batch["obs"], params)
    next_q = q_fn(batch["next_obs"], target_params)
    targets = batch["rewards"] + gamma * (1.0 - batch["dones"]) * np.max(next_q, axis=1)
    td = q[rows, actions] - targets
    size = np.abs(td)
    per_sample = np.where(size <= delta, 0.5 * td**2, delta * (size - 0.5 * delta))
    dq = np.zeros(q.shape)
    dq[rows, actions] = np.clip(td, -delta, delta) / n
    return float(np.mean(per_sample)), td, dq


def sync_target(target, online, n_updates, period):
    if n_updates % period == 1:
        return {key: np.array(value, copy=True) for key, value in online.items()}
    return target
