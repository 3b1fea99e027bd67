"""`python -m bot` is the `specimen` command."""

import sys

from bot.cli import main

sys.exit(main())
