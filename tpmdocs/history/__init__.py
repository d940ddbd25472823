"""The project's past, read from git: snapshots of each project over the branch's history.

:mod:`.walk` picks the commits and walks them (``read_history``), :mod:`.engine` carries one
graph through them (``SnapshotEngine``, ``Snapshot``), :mod:`.figures` says what a snapshot
holds of a project, :mod:`.errors` counts its error findings, :mod:`.documents` turns blobs
into documents, :mod:`.report` writes ``tpmdocs history``'s formats, and :mod:`.diff`
compares two revisions (``tpmdocs diff``). Git itself is read through :mod:`tpmdocs.git`.
"""
