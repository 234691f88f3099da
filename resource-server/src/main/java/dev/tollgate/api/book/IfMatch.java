package dev.tollgate.api.book;

import java.util.List;

import org.springframework.http.HttpHeaders;

import dev.tollgate.api.problem.ProblemException;
import dev.tollgate.api.problem.ProblemType;

/**
 * Optimistic locking over HTTP (RFC 9110 §13.1.1): a change must name the version it was based on with
 * {@code If-Match: "<etag>"}, or say {@code If-Match: *} to overwrite whatever is there. Without it the
 * answer is 428 (RFC 6585), so that no client overwrites another's change by accident; with a stale
 * ETag it is 412.
 */
final class IfMatch {

    private IfMatch() {
    }

    /** The version the change may be applied to, which is the current one. */
    static long versionToChange(HttpHeaders headers, StoredBook current) {
        List<String> tags = tagsOf(headers);
        if (tags.isEmpty()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the book's ETag (from GET /api/books/" + current.book().id() + "), or If-Match: *");
        }
        if (tags.contains("*") || tags.contains(current.etag())) {
            return current.version();
        }
        throw changedMeanwhile(current.book().id());
    }

    static ProblemException changedMeanwhile(long id) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED,
                "Book " + id + " was changed since that ETag was read; GET it again and retry");
    }

    private static List<String> tagsOf(HttpHeaders headers) {
        try {
            return headers.getIfMatch();
        } catch (IllegalArgumentException malformed) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "If-Match must be * or a list of quoted ETags");
        }
    }
}
