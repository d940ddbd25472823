"""tpmdocs: documentation-as-code for technical project management.

The modules stay flat (one concern each, no deep packages to click through); this map
groups them by the step of the pipeline they serve. Read it top to bottom to follow a run
of ``tpmdocs lint``::

    discover -> read -> validate -> graph -> rules -> findings -> reporters / pages

Reading and checking (the pipeline)
    ``discover``     the Markdown files of a folder tree, in a stable order, display paths
    ``loader``       one file's bytes -> a ``Document`` or findings (front matter through
                     ``yaml12``, YAML 1.2 with the location of every key)
    ``reading``      one file (or git blob) parsed and validated: the step every document
                     takes, in a worker process on cold runs; its blob id and stat for the store
    ``validation``   a document's front matter against its type's schema (``schema``);
                     ``query/`` checks the query blocks of a page's body
    ``workspace``    folder trees -> one ``ProjectGraph`` (``parallel`` for cold runs)
    ``graph``        documents by id, resolved references, trees; ``projects`` says which
                     project each document is in, ``cycles`` finds loops
    ``rules/``       the registry: every rule as data with bad and good ``examples``
    ``evaluation``   the rules' results kept per unit and brought up to date by a change
    ``linter``       runs the evaluation and decides which findings are reported
    ``model``        the plain data that flows through: ``Document``, ``Finding``
    ``reporters/``   findings as text, JSON, GitHub annotations, SARIF, ...

The store
    ``store``        parsed documents kept in SQLite by git blob id (and each file's stat), so
                     a warm run, the plugin, the editor and the history parse a content once;
                     ``entry`` is the typed form an entry takes in it

Computed from the graph
    ``figures``      estimates, roll-ups, progress, scores; ``completeness`` per phase
    ``forecast/``    the working calendar and the schedule forecast
    ``fingerprint``, ``covering``, ``approvals``   approvals that stay true
    ``history/``     the project's past from git (``git/`` reads the objects)
    ``status``       where each project stands, as data
    ``query/``       the ```` ```tpmdocs ```` blocks: parse, evaluate, computed keys

Outputs
    ``pages/``       the generated status pages and document pages (``tpmdocs pages``; the
                     MkDocs plugin in ``plugins/tpmdocs_mkdocs`` adapts them)
    ``status_render``, ``export``, ``ical``, ``reference``, ``frontmatter_cms``
    ``escape``       the one function per output context every document value goes through

Authoring (the only code that writes a user's files, through ``safe_write``)
    ``scaffold`` (init), ``newdoc``, ``templates``, ``ids`` (new), ``approve``,
    ``approval_edit``, ``changeguard`` (lint --since), ``unsaved`` (lint --stdin)

Entry points
    ``cli/``         the ``tpmdocs`` command, one module per subcommand, thin
    ``lsp/``         the language server (``tpmdocs lsp``)
    ``config``       ``[tool.tpmdocs]`` from ``pyproject.toml``
"""

__version__ = "0.1.0"
