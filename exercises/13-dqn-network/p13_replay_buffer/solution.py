import numpy as np


class ReplayBuffer:
    """A fixed-size circular store of transitions (s, a, r, s', done), sampled uniformly."""

    def __init__(self, capacity, obs_shape):
        self.capacity = capacity
        self.obs = np.zeros((capacity, *obs_shape), dtype=np.float32)
        self.next_obs = np.zeros((capacity, *obs_shape), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.dones = np.zeros(capacity, dtype=np.float32)
        self.next = 0  # where the next transition goes
        self.size = 0  # how many slots hold a transition

    def __len__(self):
        return self.size

    def add(self, obs, action, reward, next_obs, done):
        i = self.next
        self.obs[i] = obs  # assignment into our own array copies the values
        self.next_obs[i] = next_obs
        self.actions[i] = action
        self.rewards[i] = reward
        self.dones[i] = float(done)
        self.next = (i + 1) % self.capacity  # wrap around: the oldest is overwritten next
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size, rng):
        idx = rng.integers(0, self.size, size=batch_size)  # uniform, with replacement
        return (
            self.obs[idx],
            self.actions[idx],
            self.rewards[idx],
            self.next_obs[idx],
            self.dones[idx],
        )
