"""Offline grading's isolation, one short file per guarantee (see docs/offline-grading.md).

- `grader.jobs`: what a job is: the part of a bundle a worker gets (never the solution, bug
  bank or answer key), its limits, quiz answers as plain data;
- `grader.child`: the forked child: resource limits, scratch folder, audit hook, the report
  authenticated with the job's own key;
- `grader.pool`: zygotes and the parent's pool: one fork per job, the reply's id and MAC
  checked by the parent, limits enforced from outside;
- `grader.judge`: the verdict, computed in the parent from the report and trusted data only.

This module keeps the names older callers import.
"""

from __future__ import annotations

from .jobs import (  # noqa: F401
    FILE_SIZE_LIMIT,
    MAX_MESSAGE,
    MAX_REPORT,
    MEMORY_LIMIT,
    WORKER_KEYS,
    decode_answers,
    encode_answers,
    limits_for,
    trusted_tests,
    worker_bundle,
)
from .judge import finish  # noqa: F401
from .pool import Pool, Zygote, run_job  # noqa: F401
