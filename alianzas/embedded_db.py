"""The embedded PostgreSQL used when no DATABASE_URL is given (development, tests, CI).

pgserver ships a PostgreSQL build inside its wheel, so a fresh machine needs no system database.
The server is left running after the process exits (cleanup_mode=None) so that the next command
reuses it instead of paying the start-up again.
"""

import warnings
from pathlib import Path

def embedded_database_url(data_dir: Path, database_name: str = "alianzas") -> str:
    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); pgserver works anyway.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver
    import psycopg

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(data_dir), cleanup_mode=None)
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database_name}"')
    return server.get_uri(database_name)
