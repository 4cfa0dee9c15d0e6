def momentum_step(params, grads, velocities, lr, beta=0.9):
    """One momentum step in PyTorch's convention; returns (new_params, new_velocities).

    v <- beta * v + g, then p <- p - lr * v (with the new v), for every array.
    """
    new_v = [beta * v + g for v, g in zip(velocities, grads)]  # running sum of gradients
    new_p = [p - lr * v for p, v in zip(params, new_v)]  # the step uses the new velocity
    return new_p, new_v
