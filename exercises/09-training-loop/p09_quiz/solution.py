answers = {
    "steps_in_run": 7820,
    "last_batch": 40,
    "initial_loss": 1.792,
    "stuck_at_ln2": 0,
    "curves": [0, 1, 2, 3],
    "dqn_loop": [0, 2, 3],
    "step_order": [0, 1, 2, 3, 4, 5],
    "why_replay": (
        "Consecutive transitions are correlated, so uniform sampling from a buffer gives "
        "batches close to independent samples, like shuffling, and reuses each transition."
    ),
}
