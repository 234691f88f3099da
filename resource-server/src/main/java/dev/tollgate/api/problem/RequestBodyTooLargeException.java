package dev.tollgate.api.problem;

import java.io.IOException;

/** Thrown while reading a body that turns out larger than allowed (one sent without Content-Length). */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
