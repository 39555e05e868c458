"""Qt drawing of the pure layouts in ``rolemap.core.layout``: one painter for screen and files.

Needs QtGui (and QtSvg for SVG) but no widgets, so the exporters run without a display.
"""
