# Bug: a stale stack: the new frame goes in front and the newest old frame is dropped.
# expect: the new frame is first
import numpy as np


def stack_frames(stack, frame, k=4):
    if stack is None:
        return np.stack([frame] * k)
    return np.concatenate([frame[None], stack[:-1]], axis=0)
