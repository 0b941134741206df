"""The fast path's table of commands (see `fast_path.py`). Generated from the
Typer declarations by `python -m gwr_cli.fast_spec_build`: do not edit.

ROOT_OPTIONS: option -> parameter of the root (each takes one value of text).
COMMANDS: words -> (handler module, handler function, options, arguments,
required options); options: option -> (parameter, kind); arguments:
((parameter, required), ...); required options: (parameter, ...).
A kind is "text", "int", "float", "flag", ("choice", values, case_sensitive,
"module:Enum") or ("many", "text"|"int"|"float"): an option that may be given
again, its values in a list in the order typed."""

ROOT_OPTIONS = {"--home": "home", "--registry": "registry", "--as-of": "as_of", "--lang": "lang"}

COMMANDS = {
    "list": (
        "gwr_cli.handlers.reading",
        "list_tasks",
        {
            "--area": ("area", ("many", "text")),
            "--status": ("status", ("many", "text")),
            "--chapter": ("chapter", ("many", "int")),
            "--overdue": ("overdue", "flag"),
            "--search": ("search", ("many", "text")),
            "--schedule": ("schedule", ("many", "text")),
            "--unit": ("unit", ("many", "text")),
            "--leader": ("leader", ("many", "text")),
            "--key": ("key", "flag"),
            "--tag": ("tag", ("many", "text")),
            "--light": ("light", ("many", "text")),
            "--format": (
                "output",
                ("choice", ("table", "json"), False, "gwr_cli.command_io:OutputFormat"),
            ),
        },
        (),
        (),
    ),
    "show": ("gwr_cli.handlers.reading", "show", {}, (("task_id", True),), ()),
    "status": (
        "gwr_cli.handlers.reading",
        "status",
        {
            "--by": (
                "by",
                (
                    "choice",
                    ("area", "chapter", "unit", "leader"),
                    False,
                    "gwr_cli.handlers.reading:Grouping",
                ),
            ),
            "--format": (
                "output",
                ("choice", ("table", "json"), False, "gwr_cli.command_io:OutputFormat"),
            ),
        },
        (),
        (),
    ),
    "areas": ("gwr_cli.handlers.reading", "areas", {}, (), ()),
    "check": ("gwr_cli.handlers.reading", "check", {}, (), ()),
    "units": (
        "gwr_cli.handlers.reading",
        "units",
        {
            "--format": (
                "output",
                ("choice", ("table", "json"), False, "gwr_cli.command_io:OutputFormat"),
            )
        },
        (),
        (),
    ),
    "where": ("gwr_cli.handlers.reading", "where", {}, (), ()),
    "start": (
        "gwr_cli.handlers.recording",
        "start",
        {
            "--note": ("note", "text"),
            "--on": ("on", "text"),
            "--problems": ("problems", "text"),
            "--next": ("next_steps", "text"),
            "--unit": ("unit", "text"),
        },
        (("task_id", True),),
        (),
    ),
    "done": (
        "gwr_cli.handlers.recording",
        "done",
        {
            "--note": ("note", "text"),
            "--on": ("on", "text"),
            "--problems": ("problems", "text"),
            "--next": ("next_steps", "text"),
            "--unit": ("unit", "text"),
        },
        (("task_id", True),),
        (),
    ),
    "progress": (
        "gwr_cli.handlers.recording",
        "progress",
        {
            "--note": ("note", "text"),
            "--on": ("on", "text"),
            "--problems": ("problems", "text"),
            "--next": ("next_steps", "text"),
            "--unit": ("unit", "text"),
        },
        (("task_id", True), ("value", True)),
        (),
    ),
    "block": (
        "gwr_cli.handlers.recording",
        "block",
        {
            "--note": ("note", "text"),
            "--on": ("on", "text"),
            "--problems": ("problems", "text"),
            "--next": ("next_steps", "text"),
            "--unit": ("unit", "text"),
        },
        (("task_id", True),),
        (),
    ),
    "note": (
        "gwr_cli.handlers.recording",
        "note",
        {
            "--on": ("on", "text"),
            "--problems": ("problems", "text"),
            "--next": ("next_steps", "text"),
            "--unit": ("unit", "text"),
        },
        (("task_id", True), ("note_text", True)),
        (),
    ),
    "reopen": (
        "gwr_cli.handlers.recording",
        "reopen",
        {
            "--note": ("note", "text"),
            "--on": ("on", "text"),
            "--problems": ("problems", "text"),
            "--next": ("next_steps", "text"),
            "--unit": ("unit", "text"),
        },
        (("task_id", True),),
        (),
    ),
    "undo": (
        "gwr_cli.handlers.recording",
        "undo",
        {"--note": ("note", "text"), "--on": ("on", "text")},
        (),
        (),
    ),
    "summary": (
        "gwr_cli.handlers.reports",
        "summary",
        {
            "--week": ("week", "text"),
            "--month": ("month", "text"),
            "--quarter": ("quarter", "text"),
            "--half": ("half", "text"),
            "--year": ("year", "text"),
            "--format": (
                "output_format",
                (
                    "choice",
                    ("text", "markdown", "json", "html"),
                    False,
                    "gwr_cli.handlers.reports:SummaryFormat",
                ),
            ),
            "--output": ("output", "text"),
        },
        (),
        (),
    ),
    "export": (
        "gwr_cli.handlers.reports",
        "export",
        {
            "--format": (
                "output_format",
                ("choice", ("csv", "json", "xlsx"), False, "gwr_cli.handlers.reports:ExportFormat"),
            ),
            "--output": ("output", "text"),
        },
        (),
        (),
    ),
    "site": (
        "gwr_cli.handlers.site",
        "site",
        {
            "--output": ("output", "text"),
            "--internal": ("internal", "flag"),
            "--base-url": ("base_url", "text"),
        },
        (),
        ("output",),
    ),
    "indicator list": (
        "gwr_cli.handlers.indicators",
        "indicator_list",
        {
            "--format": (
                "output",
                ("choice", ("table", "json"), False, "gwr_cli.command_io:OutputFormat"),
            )
        },
        (),
        (),
    ),
    "indicator set": (
        "gwr_cli.handlers.indicators",
        "indicator_set",
        {"--note": ("note", "text"), "--on": ("on", "text")},
        (("indicator_id", True), ("value", True)),
        (),
    ),
    "collect template": (
        "gwr_cli.handlers.collect",
        "template",
        {
            "--output": ("output", "text"),
            "--unit": ("unit", "text"),
            "--all": ("every_unit", "flag"),
            "--month": ("month", "text"),
            "--week": ("week", "text"),
            "--force": ("force", "flag"),
        },
        (),
        (),
    ),
    "collect status": (
        "gwr_cli.handlers.collect",
        "collect_status",
        {
            "--month": ("month", "text"),
            "--week": ("week", "text"),
            "--format": (
                "output",
                ("choice", ("table", "json"), False, "gwr_cli.command_io:OutputFormat"),
            ),
        },
        (),
        (),
    ),
}
