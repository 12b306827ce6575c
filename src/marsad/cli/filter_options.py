"""The selection's options on the command line, made from the filter's own table (domain.filters).

``marsad export --region jazira --counted all --q Hasakah`` takes the same names, values and help as the API's
query parameters, so a filter added there is an option here without being written twice.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar, get_type_hints

import typer

from marsad.domain.filters import PARAM_HELP, PARAMS, TERM_PARAMS

Command = TypeVar("Command", bound=Callable[..., Any])
_PREFIX = "filter_"  # Python names for options such as --from and --type, which are keywords or builtins
_SHAPES = {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "month": "YYYY-MM", "q": "WORDS", "counted": "true|false|all"}


def with_filter_options(command: Command) -> Command:
    """``command`` with an option per filter parameter, passed to it as ``filters`` (only those given).

    Vocabulary filters repeat (``--region jazira --region raqqa``) or take commas; the others take one value.
    """
    own = inspect.signature(command, eval_str=True)
    hints = get_type_hints(command, include_extras=True)
    options = []
    for name in PARAMS:
        many = name in TERM_PARAMS
        kind: Any = list[str] | None if many else str | None
        shape = "KEY,…" if many else _SHAPES.get(name, "true|false")
        annotation = Annotated[
            kind, typer.Option(f"--{name}", help=PARAM_HELP[name], metavar=shape, show_default=False)
        ]
        options.append(
            inspect.Parameter(_PREFIX + name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)
        )
        hints[_PREFIX + name] = annotation

    @functools.wraps(command)
    def run(**given: Any) -> Any:
        filters = {name: given.pop(_PREFIX + name) for name in PARAMS}
        return command(**given, filters={name: value for name, value in filters.items() if value})

    kept = [p for p in own.parameters.values() if p.name != "filters"]
    run.__signature__ = own.replace(parameters=[*kept, *options])  # type: ignore[attr-defined]
    run.__annotations__ = {k: v for k, v in hints.items() if k != "filters"}
    return run  # type: ignore[return-value]
