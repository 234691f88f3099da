package dev.tollgate.api.signals;

/**
 * A SET this receiver will never accept, with the error code of RFC 8935 §2.4 ({@code invalid_request},
 * {@code invalid_key}, {@code invalid_issuer}, {@code invalid_audience}, {@code authentication_failed},
 * {@code access_denied}): the transmitter drops it rather than try again.
 */
final class SetRefused extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_KEY = "invalid_key";
    static final String INVALID_ISSUER = "invalid_issuer";
    static final String INVALID_AUDIENCE = "invalid_audience";

    private final String err;

    SetRefused(String err, String description) {
        super(description, null, false, false);
        this.err = err;
    }

    String err() {
        return err;
    }

    String description() {
        return getMessage();
    }
}
