"""The live room: participants join a study session from their phones on the same network."""
