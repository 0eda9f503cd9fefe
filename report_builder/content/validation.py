"""Turn pydantic's validation errors into problems a manager can act on, at their file:line:column."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from report_builder.errors import ContentError, Problem
from report_builder.yamlsource import YamlDocument

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(model: type[ModelT], document: YamlDocument, what: str) -> ModelT:
    """Return the document's data validated as model.

    Raises ContentError listing every problem, each at its position in the file.
    """
    data = document.data
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ContentError(document.source.problem((), f"{what} must be a set of 'key: value' lines, found {found}"))
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContentError([_problem(e, document, model) for e in error.errors()]) from None


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Return loc without pydantic's union tags: only the steps that exist in the data."""
    path: list[Any] = []
    for step in loc:
        if isinstance(data, dict) and step in data:
            data = data[step]
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        elif isinstance(data, dict) or isinstance(data, list):
            if isinstance(data, dict) and isinstance(step, str):
                path.append(step)  # a missing or unknown key: keep it for the message
            break
        else:
            continue
        path.append(step)
    return tuple(path)


def _problem(error: Any, document: YamlDocument, model: type[BaseModel]) -> Problem:
    """Return one Problem for one pydantic error."""
    path = _data_path(error["loc"], document.data)
    where = ".".join(str(p) for p in path) or "the file"
    kind = error["type"]
    source = document.source
    if kind == "extra_forbidden":
        key = path[-1]
        return source.problem(path, f"unknown key '{key}'", suggest(str(key), _known_keys(model, path[:-1]), "keys here"), key=True)
    if kind == "missing":
        return source.problem(path[:-1], f"missing required key '{path[-1]}'", f"add '{path[-1]}:' here")
    if kind == "unknown_block":
        found = list(error["input"]) if isinstance(error["input"], dict) else type(error["input"]).__name__
        return source.problem(
            path,
            f"not a known kind of block (found {found})",
            f"write plain text for a paragraph, or start the block with one of: {error['ctx']['expected']}",
        )
    message = error["msg"].removeprefix("Value error, ")
    found = error.get("input")
    if kind not in ("value_error",) and not isinstance(found, (dict, list)):
        message = f"{message}, found {found!r}"
    return source.problem(path, f"{where}: {message}", _type_hint(kind))


def _type_hint(kind: str) -> str | None:
    """Return how to fix a value of the wrong type."""
    hints = {
        "int_parsing": "write a whole number without commas, e.g. 1469",
        "int_type": "write a whole number without commas, e.g. 1469",
        "float_parsing": "write a number, e.g. 8.5",
        "date_from_datetime_parsing": "write the date as YYYY-MM-DD, e.g. 2025-07-14",
        "date_parsing": "write the date as YYYY-MM-DD, e.g. 2025-07-14",
        "date_type": "write the date as YYYY-MM-DD, e.g. 2025-07-14",
        "string_type": "write text; put it in quotes if it starts with a symbol or is a number",
        "list_type": "write a list, one '- item' per line",
        "too_short": "add at least one item",
        "literal_error": None,
        "bool_parsing": "write true or false",
    }
    return hints.get(kind)


def _known_keys(model: type[BaseModel], path: tuple[Any, ...]) -> list[str]:
    """Return the keys allowed at path inside model (following nested models), or [] if unknown."""
    current: Any = model
    for step in path:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or step not in fields:
            return []
        current = _model_in(fields[step].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Return the first BaseModel class inside an annotation such as list[Model] or Model | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found:
            return found
    return None


def suggest(word: str, choices: list[str], what: str = "names") -> str:
    """Return a did-you-mean hint for a name, or a short list of what is available."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    shown = ", ".join(choices[:12]) + (", …" if len(choices) > 12 else "")
    return f"available {what}: {shown}"
