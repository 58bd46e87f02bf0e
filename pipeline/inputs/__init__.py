"""Where articles come from: finding them under RAW and decoding their bytes (``article``).
New input formats (JSON Lines, HTML) belong here, each in its own module."""
