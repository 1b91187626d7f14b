"""Inbound email: the route mail providers post raw messages to, threading, attachments."""
