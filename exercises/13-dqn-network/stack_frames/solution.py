import numpy as np


def stack_frames(stack, frame, k=4):
    """The newest k frames, oldest first: (k, 84, 84) with `frame` last."""
    if stack is None:  # start of an episode: nothing older exists yet
        return np.stack([frame] * k)  # k copies, a new array
    return np.concatenate([stack[1:], frame[None]], axis=0)  # drop the oldest, append
