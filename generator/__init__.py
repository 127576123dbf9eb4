"""Turn YAML content about a program's pathways, support and law into a guidance website."""
