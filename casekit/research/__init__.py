"""Research tools: start a case (scaffold), combine cases, and code texts with a lexicon.

``scaffold``   an empty case folder with casekit's schema, ready to fill in
``combine``    several cases stacked into one, with a ``case`` column
``lexicon``    the coding scheme: cooperation areas and their terms
``texts``      reading a text file as paragraphs
``coding``     theme counts per paragraph, keywords in context
"""
