package dev.tollgate.api.problem;

import java.net.URI;
import java.net.URISyntaxException;

final class Problems {

    private Problems() {
    }

    /** The request path as the problem's {@code instance}, or none when the path is not a valid URI. */
    static URI instanceOf(String requestUri) {
        try {
            return new URI(requestUri);
        } catch (URISyntaxException | NullPointerException invalid) {
            return null;
        }
    }

    /** Whether {@code failure} or one of its causes is of one of these types. */
    static boolean causedBy(Throwable failure, Class<?>... types) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Class<?> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
