# Bug: bootstraps past terminal states.
# expect: must not bootstrap past the end
import numpy as np


def double_dqn_targets(rewards, next_q_online, next_q_target, dones, gamma):
    best = np.argmax(next_q_online, axis=1)
    return rewards + gamma * next_q_target[np.arange(len(best)), best]
