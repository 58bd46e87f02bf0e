"""What a person meets: the `clean` command (``cli``) and its subcommands (``status``,
``review``, ``report``), the terminal's output (``terminal``) and word-level diffs
(``worddiff``)."""
