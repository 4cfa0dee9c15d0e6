"""Build-time tools: everything build.py needs that is not the grader (CPython only)."""
