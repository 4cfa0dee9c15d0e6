# Bug: np.roll by +1 moves every frame one step towards the end, then overwrites index 0.
# expect: the new frame is first
import numpy as np


def stack_frames(stack, frame, k=4):
    if stack is None:
        return np.stack([frame] * k)
    new = np.roll(stack, 1, axis=0)
    new[0] = frame
    return new
