"""The instructor's grading workflow: import submissions, autograde them in a sandbox,
export grades and a report.

Run it as ``./wb grade``, ``./wb import``, ``./wb feedback`` and ``./wb report`` (see
``docs/instructor.md``). Submissions that look like tampering are flagged for manual
review in the gradebook: the answer cell gets an automatic comment starting with
:data:`FLAG_PREFIX`, and the exercise's test grades are marked as needing a manual grade.
"""

FLAG_PREFIX = "Flagged for review: "


def inert(text: str) -> str:
    r"""``text`` on one line, shown as itself by Markdown and HTML: no tag, no link.

    Flags quote what a student's notebook holds (file names, error messages); the
    feedback page and ``report.md`` render them as Markdown. Applying it twice
    changes nothing.

    >>> print(inert("<img src=x onerror=alert(1)>\n[a](javascript:x) | b"))
    &lt;img src=x onerror=alert(1)&gt; \[a\](javascript:x) \| b
    >>> inert(inert("<b>[a]</b>")) == inert("<b>[a]</b>")
    True
    """
    import html

    for escaped in ("[", "]", "|"):
        text = text.replace("\\" + escaped, escaped)
    text = html.escape(html.unescape(" ".join(text.split())), quote=False)
    return text.replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")
