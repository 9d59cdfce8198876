"""Sub-commands of the ``casekit`` command line, one module per group."""
