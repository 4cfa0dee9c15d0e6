# Bug: the padding is counted once, as if zeros were added on one side only.
# expect: counts twice
def conv_output_size(size, kernel, stride=1, padding=0):
    out = (size + padding - kernel) // stride + 1
    if out < 1:
        raise ValueError("window does not fit")
    return out
