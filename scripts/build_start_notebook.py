"""Write notebooks/00_start_here.ipynb (run it afterwards with nbconvert to store outputs).

The notebook carries the metadata JupyterLab writes when it opens it, so that opening the
start page does not mark it modified: the kernelspec of ipykernel's ``python3`` kernel,
the kernel's full ``language_info`` and stable cell ids.
"""

from pathlib import Path

import nbformat as nbf
from ipykernel.ipkernel import IPythonKernel

nb = nbf.v4.new_notebook()
md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
nb.cells = [
    md("""# Start here: Central Asia and China after the Almaty meeting

**Time:** 10 minutes. **Prerequisites:** none; you only need to run cells (`Shift`+`Enter`).

This module studies one diplomatic meeting closely: the **6th Central Asia–China Foreign
Ministers' Meeting**, held in Almaty on 26 April 2025, and what it tells us about China's
relations with Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan.

By the end of this notebook you will

1. have checked that everything the course needs works on your machine, offline;
2. know where the data comes from and how far to trust it;
3. know how the lessons and exercises are organised, and how your answers are saved."""),
    md("""## 1. Your set-up works if the next cell prints no error

The course's data, charts and exercises all come from one small library, `casekit`. The
cell below loads it and checks the data against its schema."""),
    code("""import casekit

print(casekit.setup())  # charts drawn in the kernel: no internet needed
case = casekit.load()
print("casekit is ready; the data passes its checks:", casekit.validate().ok)"""),
    md("""## 2. The data is a set of linked tables, each row with its source

Every table below is a pandas DataFrame (`case.meetings`, `case.participants`, ...). The
lessons use them to answer questions; you can use them for your own."""),
    code("""casekit.tables()[["table", "rows", "title"]]"""),
    md("""Each factual row records **where it comes from** (`source_id`, `locator`) and **how sure
we are** (`confidence`: verified, partly or unverified). Here are the six foreign ministers'
meetings of the mechanism so far:"""),
    code("""case.meetings.loc[case.meetings.series == "foreign_ministers",
                  ["meeting_id", "start_date", "city", "mode", "confidence"]]"""),
    md("""The data rests on two documents: a news analysis of the Almaty meeting (the *source
article*) and a fact sheet that checks it against official and news sources. They do not
always agree, and the course makes a point of it. For example, the article speaks of a
"joint statement", while the record shows the meeting adopted an *Information
Communiqué*. The table `record_checks` lists every such comparison:"""),
    code("""case.record_checks["verdict"].value_counts().sort_index()"""),
    md("""Charts are drawn on your own machine, with no internet. If you can see the grid below,
charts work. Under every chart, a few lines of text say what it shows, for anyone who
cannot see it (and for you, to check your reading):"""),
    code("""chart = casekit.charts.delegation_chart(case.participants, case.meetings,
                                       countries=case.countries, highlight="fmm-06")
display(chart)
print(casekit.describe(chart))"""),
    md("""## 3. How the course runs

- **Lessons** (`notebooks/`) follow the source article: the meeting, its background and
  what it adopted, connectivity, security cooperation, soft power, environmental diplomacy,
  the debate on Central Asia's strategic autonomy and reading the news; Lesson 8 shows
  researchers how to build a case of their own. Each opens with objectives and a time
  estimate, ends with key points and further reading.
- **Exercises** (`exercises/`) pair with the lessons. Answer with the widgets and press
  **Check**: feedback appears at once, in words, with a symbol (✓ correct, ✗ not yet).
- **Your answers are saved** as you give them, in a small file beside the notebook (a hidden
  folder, `.casekit/`). Restart the kernel or close the tab: re-running a question shows
  your last answer again.
- The answer checks are **self-checks to help you learn**, not a secret exam key: the
  answers are only lightly hidden in the notebook.

## 4. Words you will meet: the glossary

The lessons use official names (an *Information Communiqué*), organisations (the SCO, the
CSTO) and terms from the scholarly literature (hedging, soft power). The `glossary` table
defines each in plain words and says where it comes from: the page behind an official
name, the published work behind a scholarly term. Two initiatives are listed without a
definition because the module's sources do not describe them."""),
    code("""case.glossary.set_index("term")[["definition", "work", "lessons"]]"""),
    md("""To look a word up, put it between the quotes and run the cell: it searches the terms
and the definitions."""),
    code("""word = "hedging"  # change the word and run the cell again
found = case.glossary[
    case.glossary["term"].str.contains(word, case=False)
    | case.glossary["definition"].str.contains(word, case=False)
]
for row in found.itertuples():
    print(f"{row.term}: {row.definition}")
    origin = row.work if isinstance(row.work, str) else row.source_id
    print(f"   from: {origin if isinstance(origin, str) else 'not in the module sources'}\\n")"""),
    md("""## 5. Citing what you use

If you use the data in an essay or a paper, cite the package and the sources behind the
table you used:"""),
    code("""print(casekit.cite("meetings"))"""),
    md("""## Key points

- `casekit.load()` gives you every table; `casekit.codebook("table")` explains each column.
- Every fact has a source and a confidence level; unverified items are marked, not hidden.
- The glossary (`case.glossary`) defines the module's terms and names where each comes from.
- Your exercise answers are saved as you go, and feedback is a self-check."""),
]
for number, cell in enumerate(nb.cells, 1):
    cell["id"] = f"00-{number:03d}"
nb.metadata["kernelspec"] = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}
nb.metadata["language_info"] = dict(IPythonKernel.language_info)
nbf.write(nb, str(Path(__file__).resolve().parents[1] / "notebooks" / "00_start_here.ipynb"))
