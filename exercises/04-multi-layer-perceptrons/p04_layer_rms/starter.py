import numpy as np


def layer_rms(X, params):
    """Root mean square of each layer's ReLU output when X is pushed through the network.

    X: (N, n_0) batch. params: list of (W, b) with W (n_in, n_out), b (n_out,).
    Every layer computes A = relu(A_prev @ W + b) (ReLU after EVERY layer here).
    Returns a list with one float per layer: sqrt(mean(A ** 2)) over all entries of A.
    """
    # TODO: loop over the layers, apply the layer and the ReLU, record the RMS.
    return [float(np.sqrt(np.mean(X**2)))] * len(params)
