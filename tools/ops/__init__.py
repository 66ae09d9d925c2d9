"""Operations on a site: `make backup`, `make restore`, `make loadtest` (README, "Operations")."""
