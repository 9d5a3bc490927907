"""What a value kept in the shared cache may hold: plain data, nothing that costs to unpickle.

A lazy translation (gettext_lazy, a TextChoices label) builds a new proxy class each time it is
unpickled, and a model instance drags its state and related objects along; both turn a cache
read into work. `not_plain(value)` lists where such a thing sits in a kept value.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import date, datetime, time
from decimal import Decimal
from uuid import UUID

PLAIN = (str, int, float, bool, type(None), date, datetime, time, Decimal, UUID)


def not_plain(value, path: str = "value") -> list[str]:
    """Each place in `value` that holds something other than plain data (and what it holds)."""
    if isinstance(value, enum.Enum):  # a TextChoices member is a str too: checked first
        return [f"{path}: {type(value).__name__}"]
    if type(value) in PLAIN or isinstance(value, str):  # SafeString: rendered HTML
        return []
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in not_plain(key, f"{path} key") + not_plain(item, f"{path}[{key!r}]")
        ]
    if isinstance(value, list | tuple | set | frozenset):
        return [found for i, item in enumerate(value) for found in not_plain(item, f"{path}[{i}]")]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            found
            for f in dataclasses.fields(value)
            for found in not_plain(getattr(value, f.name), f"{path}.{f.name}")
        ]
    return [f"{path}: {type(value).__module__}.{type(value).__qualname__}"]
