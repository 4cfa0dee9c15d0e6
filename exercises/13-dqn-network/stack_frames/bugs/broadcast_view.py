# Bug: the first stack is a broadcast view of the frame, not a new array (writing into it writes into every copy).
# expect: must be a new array
import numpy as np


def stack_frames(stack, frame, k=4):
    if stack is None:
        return np.broadcast_to(frame, (k,) + frame.shape)
    return np.concatenate([stack[1:], frame[None]], axis=0)
