"""Operations on a site: `make backup`, `make restore`, `make loadtest` (docs/operations.md)."""
