package dev.tollgate.auth.admin;

import org.springframework.http.HttpStatus;

/**
 * A request to the admin API that cannot be carried out as asked; {@link AdminApiErrors} answers it as an RFC 9457
 * problem with this status and the message as {@code detail}, so the message must say precisely what was wrong.
 */
public class AdminApiException extends RuntimeException {

    private final HttpStatus status;

    protected AdminApiException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    /** 400: the input breaks a rule. */
    public static AdminApiException badRequest(String detail) {
        return new AdminApiException(HttpStatus.BAD_REQUEST, detail);
    }

    /** 404: what the path names does not exist. */
    public static AdminApiException notFound(String detail) {
        return new AdminApiException(HttpStatus.NOT_FOUND, detail);
    }

    /** 409: the change conflicts with the current state (a duplicate, the last admin). */
    public static AdminApiException conflict(String detail) {
        return new AdminApiException(HttpStatus.CONFLICT, detail);
    }

    public HttpStatus status() {
        return status;
    }
}
