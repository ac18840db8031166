"""“Boleh atau tidak?” — the public guide: versioned answers (data/guide/*.toml) built on the
violation catalogue, and a search that understands how people write their questions."""
