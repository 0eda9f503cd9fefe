"""Turn pydantic's validation errors into problems a manager can act on, at their file:line:column."""

from __future__ import annotations

import difflib
import re
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
        raise ContentError(_problems(error.errors(), document, model)) from None


def _problems(errors: list[Any], document: YamlDocument, model: type[BaseModel]) -> list[Problem]:
    """Return one Problem per value: the errors of a value that could be one of several kinds become one."""
    by_value: dict[tuple[Any, ...], list[Any]] = {}
    for error in errors:
        by_value.setdefault(_data_path(error["loc"], document.data), []).append(error)
    problems = []
    for path, found in by_value.items():
        if len(found) > 1 and all(e["type"] in EXPECTED for e in found):
            problems.append(_wrong_kind(path, found, document, model))
        else:
            problems.extend(_problem(e, document, model) for e in found)
    return problems


UNION_TAG = re.compile(r"[-\[\],]")
"""Steps of an error's location that name a branch of a union, never a key a person wrote."""


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Return loc without pydantic's union tags: only the steps that exist in the data."""
    path: list[Any] = []
    for step in loc:
        if isinstance(step, str) and UNION_TAG.search(step):
            continue  # pydantic's name for one branch of a union ('constrained-int', 'dict[int,…]')
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
    if kind in EXPECTED:
        return _wrong_kind(path, [error], document, model)
    message = plain_words(error["msg"].removeprefix("Value error, "))
    found = error.get("input")
    if kind not in ("value_error",) and not isinstance(found, (dict, list)):
        message = f"{message}, found {found!r}"
    return source.problem(path, f"{where}: {message}", _type_hint(kind))


EXPECTED: dict[str, str] = {
    "model_type": "a group of 'name: value' lines",
    "model_attributes_type": "a group of 'name: value' lines",
    "dict_type": "a group of 'name: value' lines",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "greater_than_equal": "{ge} or more",
    "greater_than": "more than {gt}",
    "less_than_equal": "{le} or less",
    "less_than": "less than {lt}",
    "string_type": "text",
    "list_type": "a list, one '- item' on each line",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "literal_error": "one of {expected}",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "too_short": "at least {min_length} item(s)",
    "too_long": "at most {max_length} item(s)",
}
"""What each kind of wrong value was expected to be, in the user's words (never the model's class name)."""


def _wrong_kind(path: tuple[Any, ...], errors: list[Any], document: YamlDocument,
                model: type[BaseModel]) -> Problem:
    """Return the problem of a value that is none of the kinds it could be: 'expected X or Y, found Z'."""
    expected = list(dict.fromkeys(_expected(e) for e in errors))
    keys = _known_keys(model, path) if any(e["type"].startswith("model") for e in errors) else []
    if keys:
        expected = [f"{e} ({', '.join(f'{k}: …' for k in keys[:4])}{', …' if len(keys) > 4 else ''})"
                    if e.startswith("a group") else e for e in expected]
    where = ".".join(str(p) for p in path) or "the file"
    found = errors[0].get("input")
    shown = ("a group of values" if isinstance(found, dict) else "a list" if isinstance(found, list)
             else "nothing" if found is None else repr(found))
    hint = _type_hint(errors[0]["type"]) if len(expected) == 1 else None
    return document.source.problem(path, f"{where}: expected {' or '.join(expected)}, found {shown}", hint)


def _expected(error: Any) -> str:
    """Return what one error's value was expected to be."""
    context = {key: _number(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return EXPECTED[error["type"]].format(**context)
    except (KeyError, IndexError):
        return plain_words(error["msg"])


def _number(value: Any) -> Any:
    """Return a whole float as an int (100.0 -> 100), as people write limits."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


CLASS_NAMES = re.compile(r"\s*(?:or\s+)?(?:an?\s+)?instance of \w+")


def plain_words(message: str) -> str:
    """Return a library message without class names: 'Input should be …' becomes 'expected …'."""
    return CLASS_NAMES.sub("", message).replace("Input should be", "expected").strip()


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
