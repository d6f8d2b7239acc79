"""An argument parser that speaks Italian: ``trama --help`` and its mistakes read in Italian.

argparse writes its own words ("usage:", "error:", "invalid choice", "the following arguments
are required") through the module's gettext function, looked up when each message is made.
The parser below puts an Italian catalogue of those words in its place while it builds its
groups, parses and formats help, and puts the original back afterwards.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, TypeVar

# argparse's messages (Python 3.11 to 3.13) and their Italian.
ITALIAN: dict[str, str] = {
    "usage: ": "uso: ",
    "options": "opzioni",
    "positional arguments": "argomenti",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "show program's version number and exit": "mostra la versione del programma ed esce",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "the following arguments are required: %s": "mancano gli argomenti obbligatori: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "scelta non valida: %(value)r (scegliere tra %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "expected one argument": "manca il valore",
    "expected at most one argument": "al massimo un valore",
    "expected at least one argument": "almeno un valore",
    "invalid %(type)s value: %(value)r": "valore non valido: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "opzione ambigua: %(option)s può essere %(matches)s"
    ),
    "not allowed with argument %s": "non ammesso insieme all'argomento %s",
    "one of the arguments %s is required": "serve uno degli argomenti %s",
    "ignored explicit argument %r": "valore %r non ammesso per questa opzione",
    "unexpected option string: %s": "opzione inattesa: %s",
    "can't open '%(filename)s': %(error)s": "impossibile aprire '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "comando sconosciuto %(parser_name)r (scegliere tra %(choices)s)"
    ),
}
ITALIAN_PLURAL: dict[str, tuple[str, str]] = {
    "expected %s argument": ("serve %s valore", "servono %s valori"),
}


def _italian(message: str) -> str:
    return ITALIAN.get(message, message)


def _italian_plural(singular: str, plural: str, count: int) -> str:
    words = ITALIAN_PLURAL.get(singular)
    if words is None:
        return singular if count == 1 else plural
    return words[0] if count == 1 else words[1]


@contextmanager
def _in_italian() -> Iterator[None]:
    module: Any = argparse
    saved = module._, module.ngettext
    module._, module.ngettext = _italian, _italian_plural
    try:
        yield
    finally:
        module._, module.ngettext = saved


Result = TypeVar("Result")


def _italian_call(call: Callable[[], Result]) -> Result:
    with _in_italian():
        return call()


class ItalianArgumentParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` whose own messages are Italian (sub-commands too: argparse
    makes them of the parser's own class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _in_italian():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", _italian("show program's version number and exit"))
        return super().add_argument(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        parse = super().parse_args
        return _italian_call(lambda: parse(*args, **kwargs))

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        parse = super().parse_known_args
        return _italian_call(lambda: parse(*args, **kwargs))

    def format_usage(self) -> str:
        return _italian_call(super().format_usage)

    def format_help(self) -> str:
        return _italian_call(super().format_help)

    def error(self, message: str) -> NoReturn:
        with _in_italian():
            super().error(message)
