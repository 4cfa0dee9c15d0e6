# Bug: divides by (1 - p) again, recovered from the mask, although the mask already holds the scale.
# expect: without scaling again
import numpy as np


def dropout_backward(dout, mask):
    kept = mask[mask != 0]
    scale = kept[0] if kept.size else 1.0
    return dout * mask * scale
