"""Screens of the kiosk. Nothing here talks HTTP or SQL: work goes through `kiosk.tasks`."""
