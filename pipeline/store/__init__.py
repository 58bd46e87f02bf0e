"""What OUT holds and how it is written: each article's edit list, diff and accepted text
(``files``), written together and crash-safe, and the diffs themselves (``diffs``)."""
