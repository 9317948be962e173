"""Presentation of each command: calls one domain function, renders its result."""
