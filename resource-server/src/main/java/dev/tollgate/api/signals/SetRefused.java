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
    private final boolean alreadyReceived;

    SetRefused(String err, String description) {
        this(err, description, false);
    }

    private SetRefused(String err, String description, boolean alreadyReceived) {
        super(description, null, false, false);
        this.err = err;
        this.alreadyReceived = alreadyReceived;
    }

    /** A SET whose {@code jti} was received before (RFC 8417 §2.2): applied once, never again. */
    static SetRefused alreadyReceived() {
        return new SetRefused(INVALID_REQUEST, "This SET (jti) was received before", true);
    }

    boolean isAlreadyReceived() {
        return alreadyReceived;
    }

    String err() {
        return err;
    }

    String description() {
        return getMessage();
    }
}
