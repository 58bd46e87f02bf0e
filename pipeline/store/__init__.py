"""What OUT holds and how it is written: where each article's files are and which articles
there are (``layout``), the proposal with its edits (``proposals``), decisions made and
carried to the next proposal (``decisions``), crash-safe writes and the lock (``writes``),
what a re-run may skip (``index``), and the diffs themselves (``diffs``)."""
