"""Bundled data, installed as `sestry.data`: profiles/ and the synthetic samples/.

Not code: this file only makes the folder a package that importlib.resources can find
(see sestry.core.resources). eval/ corpora and runtime/ are not installed.
"""
