def soft_update(target, online, tau):
    """Polyak averaging: tau * online + (1 - tau) * target, per key, as new arrays."""
    return {key: tau * online[key] + (1.0 - tau) * target[key] for key in target}
