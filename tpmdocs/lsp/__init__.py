"""``tpmdocs lsp``: a language server for tpmdocs documents.

One job per module, in the order a request flows:

- ``server`` wires the Language Server Protocol (on pygls) to a :class:`~.session.Session`;
  ``convert`` turns our answers into the protocol's types; ``protocol`` keeps a bad frame or
  a failing handler from reaching the client or standard error as a traceback.
- ``session`` is the project as the editor sees it: files on disk, overlaid by the unsaved
  text of open files, linted as ``tpmdocs lint`` lints them. Everything the protocol layer
  asks goes through it (its interface is what an incremental engine will keep).
- ``frontmatter`` reads where a position is in a document's front matter (which key, which
  value, what was typed), from the text alone, so that it works while the YAML is broken.
- ``completion``, ``hover``, ``navigation`` (definition, references) and ``fixes`` (code
  actions) answer one kind of request each, from the project graph and the buffer's text.
- ``positions`` converts the loader's character columns to the client's units (UTF-16 by
  default) and back.

Only ``server``, ``protocol`` and ``convert`` import pygls, and only ``tpmdocs lsp`` imports
those: ``tpmdocs lint`` does not pay for them. The rest is plain tpmdocs, tested without a
client (tests/lsp/test_session.py, test_features.py).
"""
