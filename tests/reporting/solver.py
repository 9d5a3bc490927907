"""A brute-force solver for published breakdowns: what a visitor could work out.

Each hidden cell ("–", None) may be any whole number from 1 to threshold-1, as the page says.
The solver tries values cell by cell and keeps every combination under which each published
total equals its shown cells plus its hidden ones; optionally, pairs (a, b) say hidden cell a
can be no larger than hidden cell b (a sub-population's cell within the whole's). It prunes
only combinations whose partial sums can no longer reach a total, so what it reports is
exactly the set of values each hidden cell can take. It knows nothing of reporting.disclosure.
"""

from __future__ import annotations

from collections.abc import Sequence


def solve(
    tables: Sequence[tuple[int, Sequence[int | None]]],
    *,
    threshold: int = 10,
    at_most: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> dict[tuple[int, int], set[int]]:
    """{(table, cell): values possible} for every hidden cell of every (total, counts) table."""
    values = range(1, threshold)
    variables = [
        (t, c)
        for t, (_total, counts) in enumerate(tables)
        for c, n in enumerate(counts)
        if n is None
    ]
    rest = [total - sum(n for n in counts if n is not None) for total, counts in tables]
    left = [sum(1 for t2, _c in variables if t2 == t) for t in range(len(tables))]
    possible: dict[tuple[int, int], set[int]] = {v: set() for v in variables}

    def search(index: int, assignment: dict, sums: list[int], remaining: list[int]) -> bool:
        """Find one full assignment extending `assignment`; record its values if found."""
        if index == len(variables):
            if all(s == r for s, r in zip(sums, rest, strict=True)):
                for variable, value in assignment.items():
                    possible[variable].add(value)
                return True
            return False
        variable = variables[index]
        table = variable[0]
        choices = [assignment[variable]] if variable in assignment else values
        for value in choices:
            new_sum = sums[table] + value
            still = remaining[table] - 1
            # Can the table's other hidden cells still make up the rest?
            if not (new_sum + still <= rest[table] <= new_sum + still * (threshold - 1)):
                continue
            trial = {**assignment, variable: value}
            if any(a in trial and b in trial and trial[a] > trial[b] for a, b in at_most):
                continue
            sums[table], remaining[table] = new_sum, still
            done = search(index + 1, trial, sums, remaining)
            sums[table], remaining[table] = new_sum - value, still + 1
            if done:
                return True
        return False

    # Every value of every hidden cell, tried one by one: is there any complete assignment
    # with that cell at that value?
    for variable in variables:
        for value in values:
            if value not in possible[variable]:
                search(0, {variable: value}, [0] * len(tables), list(left))
    return possible


def derivable(tables, *, threshold: int = 10, at_most=()) -> list[tuple[int, int]]:
    """Hidden cells with fewer than two possible values (a solver has pinned them)."""
    found = solve(tables, threshold=threshold, at_most=at_most)
    return [cell for cell, values in found.items() if len(values) < 2]
