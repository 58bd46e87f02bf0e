"""The names stage: the evidence for a spelling, from the article, the table and the corpus
(``evidence``), and the rules that act on it (``stage``)."""
