"""The ``mella-eval`` command line: thin subcommands over the library.

User errors (``MellaError``) print one line and exit non-zero. Anything else is a bug:
it prints one line too, naming the log that holds its traceback (``cli.failure``), and
exits 1. ``--debug`` shows tracebacks for user errors; ``--verbose`` shows them for bugs.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence

from mella_eval import __version__
from mella_eval.cli.failure import add_verbose_everywhere, report_unexpected
from mella_eval.errors import MellaError

# Each module defines ``add_parser(subparsers)`` and sets ``func`` on its parser(s).
COMMAND_MODULES = ("tasks", "run", "demo", "keywords", "leaderboard", "figures", "store", "inspect")
# A full disk or quota, or a file-size limit: not a bug, and nothing written is lost.
_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def build_parser() -> argparse.ArgumentParser:
    """The full parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="mella-eval",
        description="Score vision-language models on multilingual captioning (MELLA protocol).",
    )
    parser.add_argument("--version", action="version", version=f"mella-eval {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for user errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"mella_eval.cli.{name}")
        module.add_parser(subparsers)
    add_verbose_everywhere(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except MellaError as exc:
        if args.debug:
            raise
        print(f"mella-eval: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mella-eval: interrupted; finished work is kept", file=sys.stderr)
        return 130
    except OSError as exc:
        if exc.errno not in _DISK_FULL or args.debug:
            return report_unexpected(exc, args)
        print(
            f"mella-eval: error: cannot write {exc.filename or 'a file'}: {exc.strerror}; "
            "finished work is kept, free some space and rerun",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:
        return report_unexpected(exc, args)
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
