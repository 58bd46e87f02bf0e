"""The names stage: names spelt as the table, the article and the corpus say they are.

What a name looks like (``words``), the names of a text (``runs``) and of a corpus
(``index``); the evidence for a spelling (``spelling``) and how it is weighed
(``weighing``, ``choosing``); and the rules, in the order they run: ``table_rules``,
``duplicates``, ``variants`` (``pipeline.stages`` imports them in that order).
"""
