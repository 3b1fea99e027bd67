"""Daily posts: schedules, `/specimen daily` commands, rotation. Pure: no clock, no network, no database."""
