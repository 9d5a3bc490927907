"""Extra scenarios for `make bench`, one module per part of the platform (see
bench/prepared.py:extra_scenarios): each adds its own endpoints and budgets to the same run."""
