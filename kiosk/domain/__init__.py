"""Pure rules of the counter: identifiers, normalisation, dates, money.

Nothing here imports Qt, HTTP or SQL, so every rule can be tested without a QApplication and is shared
by the kiosk (instant feedback beside a field) and the sandbox (the server never trusts the client).
"""
