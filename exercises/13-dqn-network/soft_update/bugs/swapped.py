# Bug: the roles of the two networks are swapped: the online network is pulled towards the target.
# expect: roles are swapped
def soft_update(target, online, tau):
    return {k: tau * target[k] + (1 - tau) * online[k] for k in target}
