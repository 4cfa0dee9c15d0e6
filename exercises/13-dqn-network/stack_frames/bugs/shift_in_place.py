# Bug: shifts the old stack in place and returns it: every stack stored so far changes too.
# expect: modified its input in place
import numpy as np


def stack_frames(stack, frame, k=4):
    if stack is None:
        return np.stack([frame] * k)
    stack[:-1] = stack[1:]
    stack[-1] = frame
    return stack
