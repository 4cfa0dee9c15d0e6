# Bug: each array is indexed with its own random indices: rows mix transitions.
# expect: some rows mix transitions
import numpy as np


class ReplayBuffer:
    """A ring buffer of the last `capacity` transitions (s, a, r, s', done), sampled uniformly."""

    def __init__(self, capacity, obs_dim):
        self.capacity = capacity
        self.obs = np.zeros((capacity, obs_dim))
        self.actions = np.zeros(capacity, dtype=np.int64)
        self.rewards = np.zeros(capacity)
        self.next_obs = np.zeros((capacity, obs_dim))
        self.dones = np.zeros(capacity)
        self.pos = 0  # the slot the next transition goes to
        self.size = 0  # how many slots hold a transition

    def __len__(self):
        return self.size

    def add(self, obs, action, reward, next_obs, done):
        """Store one transition in slot pos (overwriting the oldest once the buffer is full)."""
        i = self.pos
        self.obs[i] = obs  # assignment into the array copies the values
        self.actions[i] = action
        self.rewards[i] = reward
        self.next_obs[i] = next_obs
        self.dones[i] = float(done)
        self.pos = (self.pos + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size, rng):
        """A mini-batch (obs, actions, rewards, next_obs, dones) of stored transitions."""
        if self.size == 0:
            raise ValueError("cannot sample from an empty replay buffer")
        idx = rng.integers(0, self.size, size=batch_size)  # uniform, with replacement
        n = self.size
        return (self.obs[rng.integers(0, n, batch_size)], self.actions[rng.integers(0, n, batch_size)],
                self.rewards[idx], self.next_obs[rng.integers(0, n, batch_size)], self.dones[idx])
