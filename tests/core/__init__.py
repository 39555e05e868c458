"""Tests of the Qt-free core: the format, the loader and saver, the command line."""
