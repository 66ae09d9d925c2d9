"""Looking at the reader pages as readers get them: `make lighthouse`, `make screenshots`."""
