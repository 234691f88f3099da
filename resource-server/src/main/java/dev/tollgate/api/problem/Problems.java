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
}
