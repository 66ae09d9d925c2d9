"""The demo newsroom that ``manage.py load_demo`` loads: the seed page's stories and enough more
to make every page of the site worth looking at."""
