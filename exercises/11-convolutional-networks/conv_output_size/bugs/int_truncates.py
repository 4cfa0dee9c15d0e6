# Bug: int(a / b) rounds towards zero, so a window that does not fit gives 1 for stride 2.
# expect: rounds it to -1 (towards minus infinity)
def conv_output_size(size, kernel, stride=1, padding=0):
    out = int((size + 2 * padding - kernel) / stride) + 1
    if out < 1:
        raise ValueError("window does not fit")
    return out
