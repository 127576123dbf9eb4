"""Writing output: generated files, the engine run, the atomic swap."""
