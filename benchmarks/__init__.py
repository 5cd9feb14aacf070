"""Performance benchmarks: `python -m benchmarks` runs them all, `python -m benchmarks.<name>`
runs one. Each prints `name: value` lines on stdout; docs/PERFORMANCE.md says what they mean."""
