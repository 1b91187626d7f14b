"""Serve the ``lcslow`` office as ``sportello serve`` does: ``serve_slow.py DATABASE_URL PORT
SHUTDOWN_DELAY``."""

from __future__ import annotations

import sys

import lcslow
import uvicorn

from sportello.app import create_app
from sportello.cli import uvicorn_options
from sportello.ops import logs
from sportello.settings import Settings

if __name__ == "__main__":
    url, port, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    settings = Settings(
        database_url=url,
        modules={"lcslow": {}},
        server={"shutdown_delay": delay, "shutdown_timeout": 5},
    )
    logs.configure(settings)  # as `sportello serve` does: uvicorn's lines through ours
    app = create_app(settings, [lcslow])
    uvicorn.run(app, host="127.0.0.1", port=port, **uvicorn_options(settings))
