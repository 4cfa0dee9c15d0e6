# Bug: keeps the input's channel count; a convolution outputs one channel per filter.
# expect: expected 32, got 4
def conv_stack_shapes(in_shape, layers):
    c, h, w = in_shape
    out = []
    for f, k, s in layers:
        h, w = (h - k) // s + 1, (w - k) // s + 1
        if h < 1 or w < 1:
            raise ValueError("kernel does not fit")
        out.append((c, h, w))
    return out
