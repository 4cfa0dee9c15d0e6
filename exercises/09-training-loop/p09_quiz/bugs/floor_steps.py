# Bug: counts only the full batches (50000 // 64 = 781 per epoch), dropping the last one.
# expect: 7810 is not the expected value
answers = {
    "steps_in_run": 7810,
    "last_batch": 40,
    "initial_loss": 1.792,
    "stuck_at_ln2": 0,
    "curves": [0, 1, 2, 3],
    "dqn_loop": [0, 2, 3],
    "step_order": [0, 1, 2, 3, 4, 5],
    "why_replay": "Correlated transitions.",
}
