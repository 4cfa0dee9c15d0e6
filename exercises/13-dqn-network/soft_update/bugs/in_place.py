# Bug: updates the target's arrays in place (and returns the same dict).
# expect: modified its input in place
def soft_update(target, online, tau):
    for k in target:
        target[k] *= 1 - tau
        target[k] += tau * online[k]
    return target
