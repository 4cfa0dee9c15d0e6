# Bug: averages the next-state values (an expected-SARSA flavour with a uniform policy), not the max.
# expect: not the mean
import numpy as np


def td_targets(rewards, next_q, dones, gamma):
    done = np.asarray(dones, dtype=float)
    return rewards + gamma * (1.0 - done) * np.mean(next_q, axis=1)
