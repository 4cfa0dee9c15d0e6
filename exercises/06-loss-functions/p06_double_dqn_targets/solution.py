import numpy as np


def double_dqn_targets(rewards, next_q_online, next_q_target, dones, gamma):
    """r + gamma * (1 - done) * Q_target(s', argmax_a Q_online(s', a)), shape (N,)."""
    done = np.asarray(dones, dtype=float)
    best = np.argmax(next_q_online, axis=1)  # (N,): the online network chooses (ties: first)
    value = next_q_target[np.arange(len(best)), best]  # (N,): the target network evaluates
    return rewards + gamma * (1.0 - done) * value
