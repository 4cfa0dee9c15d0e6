# Bug: only the weight arrays are averaged; the biases stay as they were.
# expect: differs from the reference
def soft_update(target, online, tau):
    return {k: (tau * online[k] + (1 - tau) * target[k]) if k.endswith("_w") else target[k]
            for k in target}
