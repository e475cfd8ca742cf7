"""The training municipal API: FastAPI + SQLite + seeded (illustrative) Isfahan data.

It stands in for the municipality's server so the kiosk can be developed, tested and used for operator
training. It shares only the wire contract (`kiosk.contract`) and the pure rules (`kiosk.domain`) with
the kiosk, never its client code.
"""
