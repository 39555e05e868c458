"""Allow ``python -m rolemap``."""

from rolemap.cli import main

raise SystemExit(main())
