"""Notifications: one service through which every office tells people things."""
