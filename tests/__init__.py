"""rolemap's test-suite: tests/core needs no display, tests/ui drives the Qt app."""
