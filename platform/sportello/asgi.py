"""``uvicorn sportello.asgi:app``: the app for the config named by ``SPORTELLO_CONFIG``.

Logging is set up here, before the app exists: every worker process imports this module.
"""

from sportello.app import create_app
from sportello.ops import logs
from sportello.settings import load_settings

settings = load_settings()
logs.configure(settings)
app = create_app(settings)
