"""``uvicorn evapp:app`` with SPORTELLO_CONFIG: the app plus the test office (for subprocess tests)."""

import evplugin

from sportello.app import create_app
from sportello.settings import load_settings

app = create_app(load_settings(), [evplugin])
