"""mtclean: clean machine-translated English news; every change a reviewable edit."""

__version__ = "0.1.0"
