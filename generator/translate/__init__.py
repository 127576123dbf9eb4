"""A site in several languages from one definition.

The content's own language is the source: ids, citations, order, structure and a tree's logic
come only from it. Each other language has its translations beside it, in
``content/<language>/``, holding only the text fields the registry of content kinds
(``generator.kinds``) declares translatable, each with the fingerprint of the source text it
was translated from. Reading them gives the same content in that language
(``Content.for_language``).
"""
