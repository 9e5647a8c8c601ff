"""The reflection journal: entries tagged by principle, searched, imported and exported."""
