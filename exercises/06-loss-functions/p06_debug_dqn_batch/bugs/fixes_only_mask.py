# Wrong fix: the done mask is added, but q[:, actions] is still an (N, N) array.
# expect: q[:, actions] is an (N, N) array
import numpy as np


def dqn_batch_loss(q, next_q, actions, rewards, dones, gamma=0.99):
    done = np.asarray(dones, dtype=float)
    targets = rewards + gamma * (1.0 - done) * np.max(next_q, axis=1)
    chosen = q[:, actions]
    return float(np.mean((chosen - targets) ** 2))
