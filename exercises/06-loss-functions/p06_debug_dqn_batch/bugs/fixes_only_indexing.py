# Wrong fix: the indexing is repaired, but terminal transitions still bootstrap.
# expect: bootstrap past terminal states
import numpy as np


def dqn_batch_loss(q, next_q, actions, rewards, dones, gamma=0.99):
    targets = rewards + gamma * np.max(next_q, axis=1)
    chosen = q[np.arange(len(actions)), actions]
    return float(np.mean((chosen - targets) ** 2))
