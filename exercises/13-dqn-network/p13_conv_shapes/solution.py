def conv_stack_shapes(in_shape, layers):
    """Per-sample output shape (C, H, W) after each (filters, kernel, stride) convolution."""
    channels, height, width = in_shape
    shapes = []
    for filters, kernel, stride in layers:
        height = (height - kernel) // stride + 1  # no padding
        width = (width - kernel) // stride + 1
        if height < 1 or width < 1:
            raise ValueError(
                f"a {kernel}x{kernel} kernel does not fit: output size {height}x{width}"
            )
        channels = filters
        shapes.append((channels, height, width))
    return shapes
