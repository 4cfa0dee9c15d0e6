# Bug: / instead of //, so the result is a float (and 3.5 windows for size 8, stride 2).
# expect: expected an int, got the float
def conv_output_size(size, kernel, stride=1, padding=0):
    out = (size + 2 * padding - kernel) / stride + 1
    if out < 1:
        raise ValueError("window does not fit")
    return out
