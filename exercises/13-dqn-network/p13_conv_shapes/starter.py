def conv_stack_shapes(in_shape, layers):
    """Per-sample output shape (C, H, W) after each (filters, kernel, stride) convolution."""
    # TODO: apply (size - kernel) // stride + 1 to height and width for every layer.
    return []
