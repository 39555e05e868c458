"""Pictures of a chart as pure geometry: the role map, the heat maps and the RACI matrix.

Each layout is computed from a chart and its analysis without Qt; ``rolemap.render`` draws it
on any QPainter (the map view, PNG, SVG and PDF), so the screen and the exports match.
"""
