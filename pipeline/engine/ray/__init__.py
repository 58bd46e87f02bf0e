"""The pipeline on Ray Data: the same proposals as a local run, over datasets too large for one
machine, read from and written to object storage (``clean RAW OUT --engine ray``).

One module per concept: ``reading`` (files into article rows), ``evidence`` (the corpus-wide
name index, as a distributed aggregation), ``cleaner`` (``Cleaner``, the callable class that
proposes, for ``map_batches`` in users' own pipelines too), ``output`` (the Parquet dataset
and its manifest), ``run`` (a whole `clean` run), ``bridge`` (rows back to people: an OUT
folder that `clean review` and `clean report` read) and ``versions`` (their decisions back,
as a new version of the dataset).

Importing this package does not import Ray: ``Cleaner`` works on pyarrow and pandas batches.
"""

from pipeline.engine.ray.cleaner import Cleaner

__all__ = ["Cleaner"]
