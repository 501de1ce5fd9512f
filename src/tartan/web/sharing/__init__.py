"""The data sharing protocol: permission to share wider, concealed exports and their gate, purposes."""
