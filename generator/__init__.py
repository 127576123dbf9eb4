"""Turn YAML content about California Education Code pathways into a MkDocs site."""
