"""Reads the demo's data files (``demo/data/*.json``) into the dataclasses that describe them.

The dataclasses are the schema: each JSON object becomes the dataclass its field is typed with,
lists become tuples, and datetimes are ISO 8601 strings with their UTC offset. A field the
dataclass does not have, a missing one or a value of the wrong type stops the load with the file
and the place in it, rather than turning up later as a half-written demo.
"""

import dataclasses
import datetime
import json
import types
import typing
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class DemoDataError(ValueError):
    pass


def read(name, kind):
    """The data file ``demo/data/<name>`` as a ``kind`` (a dataclass)."""
    with open(DATA_DIR / name, encoding="utf-8") as file:
        try:
            data = json.load(file)
        except json.JSONDecodeError as error:
            raise DemoDataError(f"{name}: not valid JSON ({error})") from error
    try:
        return build(kind, data, "")
    except DemoDataError as error:
        raise DemoDataError(f"{name}: {error}") from error


def build(kind, value, where):
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        [kind] = [arg for arg in args if arg is not type(None)]
        return build(kind, value, where)
    if dataclasses.is_dataclass(kind):
        return _build_dataclass(kind, value, where)
    if origin is tuple:
        _expect(value, list, "a list", where)
        if len(args) == 2 and args[1] is Ellipsis:
            args = (args[0],) * len(value)
        elif len(value) != len(args):
            raise _error(where, f"expected {len(args)} items, found {len(value)}")
        return tuple(
            build(arg, item, f"{where}[{i}]")
            for i, (arg, item) in enumerate(zip(args, value, strict=True))
        )
    if origin is dict:
        _expect(value, dict, "an object", where)
        return {key: build(args[1], item, _at(where, key)) for key, item in value.items()}
    if kind is datetime.datetime:
        _expect(value, str, "an ISO 8601 date and time", where)
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError as error:
            raise _error(where, f"{value!r} is not an ISO 8601 date and time") from error
        if moment.utcoffset() is None:
            raise _error(where, f"{value!r} needs its UTC offset, e.g. +03:00")
        return moment
    if kind in (str, int, bool):
        # bool is an int to Python, but true is no count and 1 is no yes-or-no.
        if type(value) is not kind:
            raise _error(where, f"expected {kind.__name__}, found {value!r}")
        return value
    raise TypeError(f"{where}: the demo's data files have no way to write a {kind}")


def _build_dataclass(kind, value, where):
    _expect(value, dict, "an object", where)
    fields = {field.name: field for field in dataclasses.fields(kind) if field.init}
    if unknown := sorted(set(value) - set(fields)):
        raise _error(where, f"unknown field(s) {', '.join(unknown)}")
    required = {
        name
        for name, field in fields.items()
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    }
    if missing := sorted(required - set(value)):
        raise _error(where, f"missing field(s) {', '.join(missing)}")
    hints = typing.get_type_hints(kind)
    values = {name: build(hints[name], item, _at(where, name)) for name, item in value.items()}
    try:
        return kind(**values)
    except ValueError as error:
        raise _error(where, str(error)) from error


def _expect(value, kind, description, where):
    if not isinstance(value, kind):
        raise _error(where, f"expected {description}, found {value!r}")


def _error(where, message):
    return DemoDataError(f"{where}: {message}" if where else message)


def _at(where, name):
    return f"{where}.{name}" if where else name
