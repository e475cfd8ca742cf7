"""The sandbox's Persian messages: the shared catalogue (see kiosk/i18n.py)."""

from kiosk.i18n import Catalog, persian  # noqa: F401
