"""What a person meets: the `clean` command (``cli``) and one module per subcommand
(``propose`` for `clean RAW OUT`, ``decide`` for accept and reject, ``review``, ``report``,
``status``, ``rules_command``, ``suggest_command``); what they share: how a command on OUT
begins and ends (``opening``), which edits it acts on (``selection``), the terminal's
output (``terminal``), the review's keyboard (``keyboard``) and word-level diffs (``worddiff``)."""
