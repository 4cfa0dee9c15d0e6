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
        # TODO: write the five values into slot self.pos, then advance pos and size.
        pass

    def sample(self, batch_size, rng):
        """A mini-batch (obs, actions, rewards, next_obs, dones) of stored transitions."""
        # TODO: ValueError if empty; indices uniformly from the stored slots; index every array.
        return self.obs[:batch_size], self.actions[:batch_size], self.rewards[:batch_size], self.next_obs[:batch_size], self.dones[:batch_size]
