# Bug: a "shortcut" for tau = 1 returns the online network's own arrays: target and online share memory.
# expect: is (a view of) an input array
def soft_update(target, online, tau):
    if tau == 1:
        return dict(online)
    return {k: tau * online[k] + (1 - tau) * target[k] for k in target}
