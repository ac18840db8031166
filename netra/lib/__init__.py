"""Plain modules every stage may use; they import no Netra app (the lowest layer)."""
