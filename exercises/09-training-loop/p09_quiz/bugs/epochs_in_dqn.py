# Bug: believes DQN passes over its data in epochs and that a falling TD loss proves progress.
# expect: 2 selected choice(s) are not right
answers = {
    "steps_in_run": 7820,
    "last_batch": 40,
    "initial_loss": 1.792,
    "stuck_at_ln2": 0,
    "curves": [0, 1, 2, 3],
    "dqn_loop": [0, 1, 2, 3, 4],
    "step_order": [0, 1, 2, 3, 4, 5],
    "why_replay": "Correlated transitions.",
}
