# Bug: ~dones works for boolean flags but raises TypeError for float flags.
# expect: ufunc 'invert'
import numpy as np


def td_targets(rewards, next_q, dones, gamma):
    return rewards + gamma * np.max(next_q, axis=1) * ~dones
