import numpy as np


def dqn_batch_loss(q, next_q, actions, rewards, dones, gamma=0.99):
    """Mean squared TD error of a replay batch; next_q comes from the target network."""
    done = np.asarray(dones, dtype=float)  # bools or floats -> 0.0 / 1.0
    targets = rewards + gamma * (1.0 - done) * np.max(next_q, axis=1)  # no bootstrap at the end
    chosen = q[np.arange(len(actions)), actions]  # (N,): Q(s_i, a_i), one per row
    return float(np.mean((chosen - targets) ** 2))
