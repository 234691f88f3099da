package dev.tollgate.auth.signals;

import org.springframework.http.HttpStatus;

/**
 * A stream management or poll request that cannot be done: 400 with {@code error} and {@code error_description}, or
 * 404 for a stream that is not the caller's.
 */
public class StreamRequestRefused extends RuntimeException {

    private final HttpStatus status;

    private final String error;

    private StreamRequestRefused(HttpStatus status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    public static StreamRequestRefused badRequest(String description) {
        return new StreamRequestRefused(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    public static StreamRequestRefused notFound(String streamId) {
        return new StreamRequestRefused(HttpStatus.NOT_FOUND, "not_found",
                "The client has no stream with stream_id '" + streamId + "'");
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
