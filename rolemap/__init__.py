"""rolemap: map who owns what between functions and flag where their goals converge."""

__version__ = "0.1.0"
