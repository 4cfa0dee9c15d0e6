# Bug: starts an episode with k - 1 black frames and the first frame, instead of k copies.
# expect: k copies of the first frame, not zeros
import numpy as np


def stack_frames(stack, frame, k=4):
    if stack is None:
        stack = np.zeros((k,) + frame.shape, dtype=frame.dtype)
    return np.concatenate([stack[1:], frame[None]], axis=0)
