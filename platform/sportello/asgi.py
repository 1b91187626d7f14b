"""``uvicorn sportello.asgi:app``: the app for the config named by ``SPORTELLO_CONFIG``."""

from sportello.app import create_app
from sportello.settings import load_settings

app = create_app(load_settings())
