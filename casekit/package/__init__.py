"""The data package: schema, problems, CSV reading, validation, loading, codebook, citation.

``datapackage.json`` (a Frictionless Table Schema) is the single source of truth for the
tables, their columns, types, allowed values with their order and labels, and keys.

=============  ======================================================  ==================
module         its one job                                             imports (package)
=============  ======================================================  ==================
problems       ``Problem``, ``Report``, ``ValidationError``              nothing
rules          the catalogue of rules; hints (did you mean, range)     nothing
schema         read ``datapackage.json`` into typed schema objects      problems
csvtext        read a CSV as text cells, report structural problems    problems, rules, schema
case           ``Case``: tables as DataFrames plus their schema        schema
validate       check cells, keys and references; ``validate()``        case, csvtext, rules
load           ``load()``, ``tables()``: typed DataFrames              validate, case
vocabulary     allowed values and labels of the built-in schema        schema
codebook       what each column means, as a table or Markdown          schema
citation       how to cite casekit and a table's sources               load
=============  ======================================================  ==================

:func:`~casekit.package.validate.validate` reads and checks text only; it never imports
the loader. The public names are re-exported by :mod:`casekit`.
"""
