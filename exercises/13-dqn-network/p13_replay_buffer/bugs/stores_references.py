# Bug: keeps references to the caller's arrays; when the environment reuses them, stored states change.
# expect: must store a copy
import numpy as np


class ReplayBuffer:
    def __init__(self, capacity, obs_shape):
        self.capacity, self.data, self.next = capacity, [], 0

    def __len__(self):
        return len(self.data)

    def add(self, obs, action, reward, next_obs, done):
        item = (obs, action, reward, next_obs, float(done))
        if len(self.data) < self.capacity:
            self.data.append(item)
        else:
            self.data[self.next] = item
        self.next = (self.next + 1) % self.capacity

    def sample(self, batch_size, rng):
        idx = rng.integers(0, len(self.data), size=batch_size)
        rows = [self.data[i] for i in idx]
        return tuple(np.array([row[j] for row in rows]) for j in range(5))
