# Bug: ties go to the last index (argmax of the reversed row), not the first.
# expect: tied online values
import numpy as np


def double_dqn_targets(rewards, next_q_online, next_q_target, dones, gamma):
    done = np.asarray(dones, dtype=float)
    a = next_q_online.shape[1]
    best = a - 1 - np.argmax(next_q_online[:, ::-1], axis=1)
    value = next_q_target[np.arange(len(best)), best]
    return rewards + gamma * (1.0 - done) * value
