"""People in the loop: read models of what came in (inventory, history, status, quarantine
advice), the review decisions and the local review workbench. Layer 4: reads the vault, ledger,
dataset and redaction folders; appends `amend`-free review events only through its store."""
