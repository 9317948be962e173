"""Releases: the redaction job, validation (checks and Great Expectations suites), the handoff
job that stages, re-validates, reports and seals a release, and the names of the files in both.
See docs/redaction.md and docs/handoff.md.
"""
