from tartan.cli import app

app()
