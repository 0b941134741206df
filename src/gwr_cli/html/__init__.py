"""HTML renderings: the summary as one self-contained page, the static site,
and the inline SVG charts both use.

Every page comes from a Jinja2 template with autoescape on, so user text
(titles, notes, names) is always shown literally; no markup is ever assembled
by string concatenation. Jinja2 is imported only inside `environment.environment`,
which the HTML paths alone call (start-up time of the other commands is kept).
"""
