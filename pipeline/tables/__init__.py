"""The lookup table: what it holds and how it is read, checked and merged (``table``), the
boilerplate lines it can add to (``boilerplate``), and ``suggest``, which drafts entries."""
