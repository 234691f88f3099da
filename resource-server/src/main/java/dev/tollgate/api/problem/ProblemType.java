package dev.tollgate.api.problem;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every kind of error this API answers, each with a stable {@code type} URI (RFC 9457) that clients may
 * switch on. Framework-raised errors without a kind of their own get {@code .../http-<status>}.
 */
public enum ProblemType {

    MISSING_TOKEN("missing-token", "Access token required", HttpStatus.UNAUTHORIZED),
    INVALID_TOKEN("invalid-token", "Invalid access token", HttpStatus.UNAUTHORIZED),
    INVALID_AUTHORIZATION("invalid-authorization", "Invalid authorization request", HttpStatus.BAD_REQUEST),
    INSUFFICIENT_SCOPE("insufficient-scope", "Insufficient scope", HttpStatus.FORBIDDEN),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    TOO_MANY_UNKNOWN_TOKENS("too-many-unknown-tokens", "Too many unknown access tokens", HttpStatus.TOO_MANY_REQUESTS),
    TOKEN_VALIDATION_UNAVAILABLE("token-validation-unavailable", "Access tokens cannot be checked right now",
            HttpStatus.SERVICE_UNAVAILABLE),
    DATA_UNAVAILABLE("data-unavailable", "Data cannot be reached right now", HttpStatus.SERVICE_UNAVAILABLE),
    INVALID_FIELDS("invalid-fields", "Invalid input", HttpStatus.BAD_REQUEST),
    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    DUPLICATE_ISBN("duplicate-isbn", "ISBN already in use", HttpStatus.CONFLICT),
    PRECONDITION_FAILED("precondition-failed", "Changed since read", HttpStatus.PRECONDITION_FAILED),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", HttpStatus.PAYLOAD_TOO_LARGE),
    CORS_REJECTED("cors-rejected", "Origin not allowed", HttpStatus.FORBIDDEN),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    public static final String BASE_URI = "https://tollgate.dev/problems/";

    /** The kinds used when the framework, not our code, reports an error with just a status. */
    private static final List<ProblemType> BY_STATUS = List.of(MALFORMED_REQUEST, MISSING_TOKEN, FORBIDDEN, NOT_FOUND,
            METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE, PRECONDITION_FAILED,
            INTERNAL_ERROR, TOKEN_VALIDATION_UNAVAILABLE);

    private final URI type;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.type = URI.create(BASE_URI + slug);
        this.title = title;
        this.status = status;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** Gives a framework-made problem (type {@code about:blank}) a stable type and title. */
    public static ProblemDetail classify(ProblemDetail problem) {
        if (problem.getType() != null && !"about:blank".equals(problem.getType().toString())) {
            return problem;
        }
        BY_STATUS.stream().filter(kind -> kind.status.value() == problem.getStatus()).findFirst()
                .ifPresentOrElse(kind -> {
                    problem.setType(kind.type);
                    problem.setTitle(kind.title);
                }, () -> problem.setType(URI.create(BASE_URI + "http-" + problem.getStatus())));
        return problem;
    }
}
