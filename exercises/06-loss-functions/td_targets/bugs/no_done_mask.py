# Bug: bootstraps past terminal states: the target of a final step still adds gamma * max Q(s').
# expect: bootstrap past terminal states
import numpy as np


def td_targets(rewards, next_q, dones, gamma):
    return rewards + gamma * np.max(next_q, axis=1)
