"""The Qt desktop editor: a thin shell over rolemap.core."""
