"""What runs the stages over articles: the one place the pipeline is assembled, with its
signature (``assembly``), which articles need proposing (``incremental``), the corpus-wide
pass before proposing (``corpus``), and the local process pool (``local``). Another engine
(Ray Data) goes beside ``local``."""
