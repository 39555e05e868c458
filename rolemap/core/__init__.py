"""The pure core of rolemap: chart model, YAML format and analysis. Imports no Qt."""
