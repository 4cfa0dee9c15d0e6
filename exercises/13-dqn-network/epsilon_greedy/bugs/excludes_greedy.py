# Bug: explores among the other actions only, so the greedy action is never picked at random.
# expect: the random draw never picks it
import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    greedy = int(np.argmax(q_values))
    if rng.random() < epsilon:
        others = [a for a in range(len(q_values)) if a != greedy]
        return int(rng.choice(others))
    return greedy
