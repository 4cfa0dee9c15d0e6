import numpy as np


def dqn_batch_loss(q, next_q, actions, rewards, dones, gamma=0.99):
    """Mean squared TD error of a replay batch; next_q comes from the target network."""
    targets = rewards + gamma * np.max(next_q, axis=1)  # bootstrap from the best next action
    chosen = q[:, actions]  # Q(s, a) of the actions that were taken
    return float(np.mean((chosen - targets) ** 2))
