"""`gwr draft`: turn a work report's text into a registry for a person to review.

The pipeline, one module per step, all pure except `reading` and `saving`:

    reading      bytes -> text (UTF-8; GB18030 or UTF-16 detected and said)
    sections     text -> the year, the year's-work section, chapters, paragraphs
    scan         splitting that respects quotes and brackets (shared helper)
    annotations  分工 annotations "(责任领导:…;牵头单位:…)" cut from an item
    split        a sentence -> deliverables (one per verifiable promise)
    fields       milestone, target and unit, investment, deadline of one deliverable
    areas        the area lexicon
    ids          stable ASCII ids (pinyin)
    targets      the year's indicators from the targets paragraph
    build        the whole draft as data (`draft_report`)
    writer       the draft as TOML, with `# check: …` comments
    saving       every output file written whole, or none; none overwritten
    errors       DraftError: a message key the command words in the user's language

The command is `gwr_cli.commands.draft`; the rules are taken from the shipped
Xiangzhou registry, which `tests/test_draft.py` drafts again as the reference.
"""
