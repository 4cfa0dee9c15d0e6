# Wrong fix: masks the whole target, erasing the reward of the final step.
# expect: the reward of the final step is always kept
import numpy as np


def dqn_batch_loss(q, next_q, actions, rewards, dones, gamma=0.99):
    done = np.asarray(dones, dtype=float)
    targets = (rewards + gamma * np.max(next_q, axis=1)) * (1.0 - done)
    chosen = q[np.arange(len(actions)), actions]
    return float(np.mean((chosen - targets) ** 2))
