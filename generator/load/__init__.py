"""Loading content files into located nodes: YAML files and Markdown pages."""

from generator.load.frontmatter import (
    MarkdownPage,
    load_markdown_bytes,
    load_markdown_file,
    parse_markdown_text,
)
from generator.load.nodes import Entry, Mapping, Node, Scalar, Sequence, kind_name, to_plain
from generator.load.yaml_loader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NODES,
    ParsedYaml,
    load_yaml_bytes,
    load_yaml_file,
    load_yaml_text,
    parse_yaml_text,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "Entry",
    "Mapping",
    "MarkdownPage",
    "Node",
    "ParsedYaml",
    "Scalar",
    "Sequence",
    "kind_name",
    "load_markdown_bytes",
    "load_markdown_file",
    "load_yaml_bytes",
    "load_yaml_file",
    "load_yaml_text",
    "parse_markdown_text",
    "parse_yaml_text",
    "to_plain",
]
