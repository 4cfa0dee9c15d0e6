# Bug: transitions are kept in a list of references, so a caller that reuses its obs array
# changes the stored transitions.
# expect: the buffer must keep copies
import numpy as np


class ReplayBuffer:
    def __init__(self, capacity, obs_dim):
        self.capacity = capacity
        self.items = []
        self.pos = 0

    def __len__(self):
        return len(self.items)

    def add(self, obs, action, reward, next_obs, done):
        item = (obs, action, reward, next_obs, float(done))
        if len(self.items) < self.capacity:
            self.items.append(item)
        else:
            self.items[self.pos] = item
        self.pos = (self.pos + 1) % self.capacity

    def sample(self, batch_size, rng):
        if not self.items:
            raise ValueError("empty")
        idx = rng.integers(0, len(self.items), size=batch_size)
        rows = [self.items[i] for i in idx]
        return (np.array([r[0] for r in rows], dtype=float), np.array([r[1] for r in rows], dtype=np.int64),
                np.array([r[2] for r in rows], dtype=float), np.array([r[3] for r in rows], dtype=float),
                np.array([r[4] for r in rows], dtype=float))
