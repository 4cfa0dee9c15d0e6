# Bug: never raises; returns 0 or a negative size when the window does not fit.
# expect: expected ValueError to be raised
def conv_output_size(size, kernel, stride=1, padding=0):
    return (size + 2 * padding - kernel) // stride + 1
