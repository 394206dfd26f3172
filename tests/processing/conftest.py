"""The run fixtures (fake_openai, fast_runs, process_services) live in tests/conftest.py."""
