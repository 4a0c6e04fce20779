"""The `coworking-bot` command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from coworking_bot.config import ConfigError, Settings, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coworking-bot", description="A coworking space run from Telegram."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "run", help="migrate the database, then run the bot, the scheduler and the HTTP API"
    )
    commands.add_parser("migrate", help="bring the database schema up to date")
    seed = commands.add_parser(
        "seed-demo", help="add demo spaces, tariffs and promo codes (safe to run again)"
    )
    seed.add_argument(
        "--force", action="store_true", help="add them even though clients have registered"
    )
    backup = commands.add_parser("backup", help="write a copy of the database")
    backup.add_argument(
        "--dir", type=Path, default=Path("data/backups"), help="where (default: data/backups)"
    )
    restore = commands.add_parser(
        "restore", help="replace the database with a backup file (stop the bot first)"
    )
    restore.add_argument("file", type=Path, help="a file written by `coworking-bot backup`")
    return parser


def _seed(settings: Settings, *, force: bool) -> str:
    from coworking_bot.db.engine import create_engine, create_session_factory
    from coworking_bot.db.migrate import upgrade
    from coworking_bot.db.seed import seed_demo

    upgrade(settings.database_url)

    async def go() -> str:
        engine = create_engine(settings.database_url)
        try:
            report = await seed_demo(create_session_factory(engine), force=force)
        finally:
            await engine.dispose()
        return (
            f"demo data: {report.spaces_added} spaces, {report.tariffs_added} tariffs and"
            f" {report.promo_codes_added} promo codes added"
        )

    return asyncio.run(go())


def _quiet_logging(settings: Settings | None) -> None:
    """One line per command: library INFO logs (Alembic's) show only with LOG_LEVEL=DEBUG."""
    debug = settings is not None and settings.log_level == "DEBUG"
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )


def _database_problem(error: BaseException, command: str) -> str | None:
    """One line for a database that cannot be opened or reached, or None for other errors."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(error, OperationalError | DBAPIError) and error.orig is not None:
        cause: BaseException = error.orig
    elif isinstance(error, OSError) and command in {"run", "migrate", "seed-demo"}:
        cause = error
    else:
        return None
    detail = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
    if isinstance(cause, OSError) and cause.strerror:
        detail = cause.strerror
    return f"cannot open the database (DATABASE_URL): {detail}"


def _is_refusal(error: BaseException, command: str) -> bool:
    """A refusal whose message is already one line for the operator."""
    from coworking_bot.db.backup import BackupError
    from coworking_bot.db.seed import DatabaseHasClients

    if isinstance(error, BackupError | DatabaseHasClients):
        return True
    if command != "run":
        return False  # the runner (and the whole bot with it) need not be imported
    from coworking_bot.main.runner import StartupError

    return isinstance(error, StartupError)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(require_bot_token=args.command == "run")
        if args.command != "run":
            _quiet_logging(settings)
        if args.command == "run":
            from coworking_bot.main.runner import run

            asyncio.run(run(settings))
        elif args.command == "migrate":
            from coworking_bot.db.migrate import upgrade

            upgrade(settings.database_url)
            print("database is up to date")
        elif args.command == "seed-demo":
            print(_seed(settings, force=args.force))
        elif args.command == "backup":
            from coworking_bot.db.backup import backup

            print(f"backup written to {backup(settings.database_url, args.dir)}")
        elif args.command == "restore":
            from coworking_bot.db.backup import restore
            from coworking_bot.db.migrate import upgrade

            restore(settings.database_url, args.file)
            upgrade(settings.database_url)
            print(f"database restored from {args.file}")
    except ConfigError as error:
        print(f"coworking-bot: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if _is_refusal(error, args.command):
            print(f"coworking-bot: {error}", file=sys.stderr)
            return 1
        problem = _database_problem(error, args.command)
        if problem is None:
            raise
        print(f"coworking-bot: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
