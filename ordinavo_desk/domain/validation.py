"""Turn pydantic validation errors into InputError that names the field."""

from __future__ import annotations

from pydantic import ValidationError

from ordinavo_desk.domain.errors import InputError


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("customer", "email")`` → ``customer.email``; ``("a", 3, "x")`` → ``a[3].x``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def input_error_from(
    exc: ValidationError,
    *,
    file: str | None = None,
    line: int | None = None,
    prefix: str = "",
) -> InputError:
    """The first validation error of ``exc`` as an InputError (others counted)."""
    errors = exc.errors()
    first = errors[0]
    path = field_path(tuple(first["loc"]))
    if prefix:
        path = f"{prefix}.{path}" if path else prefix
    message = first["msg"]
    value = first.get("input")
    if first["type"] not in {"missing"} and not isinstance(value, dict | list):
        message = f"{message} (got {value!r})"
    if len(errors) > 1:
        message += f" (and {len(errors) - 1} more error(s))"
    return InputError(message, file=file, line=line, field=path or None)
