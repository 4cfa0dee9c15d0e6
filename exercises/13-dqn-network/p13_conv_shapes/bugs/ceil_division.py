# Bug: rounds the number of window positions up, not down (84 divides evenly, 210 does not).
# expect: expected 51, got 52
import math


def conv_stack_shapes(in_shape, layers):
    c, h, w = in_shape
    out = []
    for f, k, s in layers:
        h, w, c = math.ceil((h - k) / s) + 1, math.ceil((w - k) / s) + 1, f
        if h < 1 or w < 1:
            raise ValueError("kernel does not fit")
        out.append((c, h, w))
    return out
