"""tpmdocs: documentation-as-code for technical project management.

The pipeline, one module per step: ``discover`` finds Markdown files, ``loader``
reads their front matter (through ``yaml12``), ``schema`` validates it, ``graph``
builds the projects, ``rules`` check them into ``Finding`` objects and
``reporters`` print them.
"""

__version__ = "0.1.0"
