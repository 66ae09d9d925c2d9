"""What starts, measures, reviews and backs up the site; none of it is served (README, "How it
is built")."""
