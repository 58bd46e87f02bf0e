"""The lookup table: what it holds (``table``), how a file is read and checked (``loading``,
with ``toml_lines`` for the line of each mistake), how tables combine (``merge``), how a
run tells what changed (``fingerprint``), and the boilerplate lines it can add to
(``boilerplate``). Drafting entries from a corpus is `clean suggest` (``pipeline.ui.suggest_command``)."""
