"""What vulture (at 60% confidence, `make test`) reports but is used: each with the reason.

Vulture reads code statically: it cannot see names that pydantic, spaCy, typer or a dataclass
consumer reads by reflection. Anything else it reports is dead and must go, not come here.
"""

# ruff: noqa: B018, F821 - vulture whitelists are bare name references by design
# pydantic reads model_config, field validators and every field by reflection.
_.model_config
_._compiles
_._known_label
_._known_languages
_._spans_fit
_._terms
_._scopes_are_words
_._not_in_the_future  # Sidecar.collected_at validator (issue 9)
_.id  # GoldDoc.id: part of the evaluation format, read by callers of load_corpus
_.description  # Profile.description: shown to operators in the TOML; validated on load
_.collected_by  # Sidecar fields: validated and recorded as intake params by model_dump
_.audio
# spaCy finds components through @Language.component registration.
_recognizers_component
_trained_ner_component
_natasha_component
# console-script entry points (pyproject [project.scripts] sestry = "sestry.launch:main", which
# hands every command line but a plain release check to sestry.cli:main).
main
# Dataclasses serialised with asdict()/JSON: every field is output.
_.replacement_kind  # RedactionLog items in redaction.json
_.defaulted  # LabelRow, rendered by the report template
# openpyxl reads workbook attributes when it saves (release/partner_files.py).
_.freeze_panes
_.creator
# The codebook's completeness check, run by tests/release/test_codebook.py and test_meta.
missing_descriptions
# Great Expectations reads its context variables.
_.progress_bars
# The documented error hierarchy (docs/CONVENTIONS.md §5); raised by name in messages and tests.
InvalidSidecar
LeakDetected
# Public API exercised by the tests and named in the docs.
_.has  # Vault.has: is an object stored (docs/custody.md)
_.put_bytes  # Vault.put_bytes: store bytes (tests and tools build vaults with it)
strip_image  # metadata scrubbing of a file (docs/redaction.md); releases use save_png
strip_pdf  # metadata scrubbing of a PDF; releases use save_pdf
remove_document  # withdraw a document from the internal dataset (docs/ingestion.md)
# Pydantic validators and http.server hooks (called by name by the libraries).
_._known_roles
_.server_version  # BaseHTTPRequestHandler class attributes: the review server's headers
_.sys_version
_.log_message  # http.server's access log hook: the review server logs no query or text
_.do_GET
_.do_POST
_.handle_error  # socketserver hook: the review server logs an error's type only
_.daemon_threads
