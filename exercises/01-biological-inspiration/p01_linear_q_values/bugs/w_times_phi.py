# Bug: computes W @ phi instead of phi @ W; it only runs when D == A, and then combines the wrong entries.
# expect: raised ValueError: matmul
import numpy as np


def linear_q_values(phi, W, b):
    return W @ phi + b


def greedy_action(phi, W, b):
    return int(np.argmax(linear_q_values(phi, W, b)))
