"""Isfahan counter kiosk: a Persian RTL desktop client for the municipality's Smart City services."""

__version__ = "0.1.0"
