"""The published documents: one module per kind turns its subject into a `blocks.Document`,
which pdf.py renders as tagged PDF and word.py as DOCX."""
