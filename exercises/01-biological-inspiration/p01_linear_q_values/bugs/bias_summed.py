# Bug: adds the sum of all biases to every action instead of each action's own bias.
# expect: at index (0,): expected 1.0, got 1.5
import numpy as np


def linear_q_values(phi, W, b):
    return phi @ W + np.sum(b)


def greedy_action(phi, W, b):
    return int(np.argmax(linear_q_values(phi, W, b)))
