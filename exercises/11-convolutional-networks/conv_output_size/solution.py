def conv_output_size(size, kernel, stride=1, padding=0):
    """Number of positions of a window of `kernel` sliding by `stride` over `size` + padding."""
    out = (size + 2 * padding - kernel) // stride + 1
    if out < 1:
        raise ValueError(
            f"a window of {kernel} does not fit in size {size} with padding {padding} "
            f"(output size {out})"
        )
    return out
