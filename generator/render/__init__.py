"""The model to output text: pages and prose."""
