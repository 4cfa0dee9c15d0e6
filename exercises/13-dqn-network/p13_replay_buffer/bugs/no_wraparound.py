# Bug: once full, new transitions overwrite the last slot only: the oldest ones are kept forever.
# expect: overwrite the oldest transition
import numpy as np


class ReplayBuffer:
    def __init__(self, capacity, obs_shape):
        self.capacity, self.data = capacity, []

    def __len__(self):
        return len(self.data)

    def add(self, obs, action, reward, next_obs, done):
        item = (np.array(obs, dtype=float), action, reward, np.array(next_obs, dtype=float), float(done))
        if len(self.data) < self.capacity:
            self.data.append(item)
        else:
            self.data[-1] = item

    def sample(self, batch_size, rng):
        idx = rng.integers(0, len(self.data), size=batch_size)
        rows = [self.data[i] for i in idx]
        return tuple(np.array([row[j] for row in rows]) for j in range(5))
