def dropout_backward(dout, mask):
    """Gradient of the loss with respect to the dropout layer's input X.

    dout: dLoss/d(out), the shape of X; mask: the mask dropout_forward returned (0 or
    1/(1-p) per entry). Returns a new array dLoss/dX of the same shape.
    """
    # TODO: out = X * mask, entry by entry. What is d(out)/dX?
    return dout
