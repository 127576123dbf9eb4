"""Located nodes to typed model objects, collecting every problem."""

from generator.validate.content import read_content

__all__ = ["read_content"]
