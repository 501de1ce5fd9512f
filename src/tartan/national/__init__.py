"""The cross-regional dataset: released quarters of all LAs in one long CSV layout."""
