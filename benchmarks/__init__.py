"""kpmap's benchmarks: scripts that measure and print figures, run from the repository root as
`python -m benchmarks.<name>` (see benchmarks/README.md). Never part of the test suite's timings."""
