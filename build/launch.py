"""Entry point of the frozen bundle: the same `kiosk` command as the installed package."""

import sys

from kiosk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
