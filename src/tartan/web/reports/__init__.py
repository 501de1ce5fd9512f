"""Reports in the browser: each rug, the regional overview, an LA's own trends."""
