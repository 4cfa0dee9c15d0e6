# Bug: the off-by-one: counts the strides between windows, not the windows.
# expect: one less than expected
def conv_output_size(size, kernel, stride=1, padding=0):
    out = (size + 2 * padding - kernel) // stride
    if out < 1:
        raise ValueError("window does not fit")
    return out
