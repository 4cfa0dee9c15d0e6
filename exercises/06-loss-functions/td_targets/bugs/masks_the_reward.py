# Bug: multiplies the whole target by (1 - done), erasing the reward of the final step.
# expect: the reward of the final step is always kept
import numpy as np


def td_targets(rewards, next_q, dones, gamma):
    done = np.asarray(dones, dtype=float)
    return (rewards + gamma * np.max(next_q, axis=1)) * (1.0 - done)
