# Bug: never checks the size, so a kernel larger than its input gives sizes of 0 or less.
# expect: expected ValueError to be raised
def conv_stack_shapes(in_shape, layers):
    c, h, w = in_shape
    out = []
    for f, k, s in layers:
        h, w, c = (h - k) // s + 1, (w - k) // s + 1, f
        out.append((c, h, w))
    return out
