"""Running the game in production: `wargame doctor` (check a configuration) and
`wargame export --all` (back up every game's log)."""
