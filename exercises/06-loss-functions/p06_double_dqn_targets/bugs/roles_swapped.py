# Bug: the target network chooses and the online network evaluates.
# expect: roles are swapped
import numpy as np


def double_dqn_targets(rewards, next_q_online, next_q_target, dones, gamma):
    done = np.asarray(dones, dtype=float)
    best = np.argmax(next_q_target, axis=1)
    value = next_q_online[np.arange(len(best)), best]
    return rewards + gamma * (1.0 - done) * value
