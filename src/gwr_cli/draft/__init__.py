"""`gwr draft`: turn a work report's text into a registry for a person to review.

The pipeline, one module per step, all pure except `reading`:

    reading      bytes -> text (UTF-8, or GB18030 detected and said)
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
"""
