package dev.tollgate.api.book;

import java.util.List;
import java.util.OptionalLong;

import org.springframework.http.HttpHeaders;

import dev.tollgate.api.problem.ProblemException;
import dev.tollgate.api.problem.ProblemType;

/**
 * Optimistic locking over HTTP (RFC 9110 §13.1.1), optional (README, "The example API"): a change that names the
 * version it was based on with {@code If-Match: "<etag>"} is applied only to that version, and gets 412 when
 * the book changed since; without If-Match, or with {@code If-Match: *}, it is applied to whatever is stored.
 */
final class IfMatch {

    private IfMatch() {
    }

    /**
     * The version the change must be applied to, or empty for whatever version is stored.
     *
     * @throws ProblemException 412 when the ETag named is not the current one
     */
    static OptionalLong expectedVersion(HttpHeaders headers, StoredBook current) {
        List<String> tags = tagsOf(headers);
        if (tags.isEmpty() || tags.contains("*")) {
            return OptionalLong.empty();
        }
        if (tags.contains(current.etag())) {
            return OptionalLong.of(current.version());
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
