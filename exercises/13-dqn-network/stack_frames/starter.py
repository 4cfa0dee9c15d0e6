import numpy as np


def stack_frames(stack, frame, k=4):
    """The newest k frames, oldest first: (k, 84, 84) with `frame` last."""
    # TODO: a None stack becomes k copies of frame; otherwise drop the oldest frame
    # (index 0) and put the new frame at the end. Return a new array.
    return stack
