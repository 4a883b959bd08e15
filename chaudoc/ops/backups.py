"""Connection settings for the PostgreSQL client tools (pg_dump, pg_restore)."""

import os

from django.db import connection


def pg_env():
    params = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "PGDATABASE": params["NAME"],
            "PGHOST": params.get("HOST") or "",
            "PGPORT": str(params.get("PORT") or ""),
            "PGUSER": params.get("USER") or "",
        }
    )
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return {k: v for k, v in env.items() if v != ""}
