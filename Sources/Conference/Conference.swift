/// Rooms, participants and their policies: the conference domain (pure; no sockets, no clock of its own).
