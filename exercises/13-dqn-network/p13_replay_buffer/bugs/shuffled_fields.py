# Bug: draws separate indices for states and for actions/rewards, so rows mix different transitions.
# expect: must come from the same transition
import numpy as np


class ReplayBuffer:
    def __init__(self, capacity, obs_shape):
        self.capacity = capacity
        self.obs = np.zeros((capacity, *obs_shape))
        self.next_obs = np.zeros((capacity, *obs_shape))
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity)
        self.dones = np.zeros(capacity)
        self.i = self.n = 0

    def __len__(self):
        return self.n

    def add(self, obs, action, reward, next_obs, done):
        self.obs[self.i], self.next_obs[self.i] = obs, next_obs
        self.actions[self.i], self.rewards[self.i], self.dones[self.i] = action, reward, done
        self.i = (self.i + 1) % self.capacity
        self.n = min(self.n + 1, self.capacity)

    def sample(self, batch_size, rng):
        idx = rng.integers(0, self.n, size=batch_size)
        other = rng.integers(0, self.n, size=batch_size)
        return self.obs[idx], self.actions[other], self.rewards[other], self.next_obs[idx], self.dones[other]
