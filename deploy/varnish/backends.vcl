# Written by deploy/varnish/write_backends.py; newsroom.vcl includes it.
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}
sub vcl_init {
    new newsroom = directors.round_robin();
    newsroom.add_backend(app1);
}
