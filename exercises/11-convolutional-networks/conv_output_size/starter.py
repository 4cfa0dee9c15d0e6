def conv_output_size(size, kernel, stride=1, padding=0):
    """Number of positions of a window of `kernel` sliding by `stride` over `size` + padding."""
    # TODO: count the window positions; raise ValueError if there are none.
    return None
