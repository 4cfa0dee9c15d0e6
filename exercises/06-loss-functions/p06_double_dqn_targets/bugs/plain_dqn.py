# Bug: the plain DQN target: the target network both chooses and evaluates.
# expect: plain DQN target
import numpy as np


def double_dqn_targets(rewards, next_q_online, next_q_target, dones, gamma):
    done = np.asarray(dones, dtype=float)
    return rewards + gamma * (1.0 - done) * np.max(next_q_target, axis=1)
