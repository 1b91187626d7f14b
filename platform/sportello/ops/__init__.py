"""Operations: what the server tells the people who run it (logs, metrics, admin commands).

``record`` is the leaf everything else writes into while a request runs; ``middleware`` and
``extension`` fill it and close it, ``logs`` and ``metrics`` are where it ends up.
"""
