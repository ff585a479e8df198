"""`python -m povdash.cli`: the povdash command."""

import sys

from povdash.cli.main import main

sys.exit(main())
