package dev.tollgate.auth.signals;

import java.util.List;

/**
 * A Shared Signals stream (SSF 1.0 §8.1.1) as stored in {@code ssf_stream}.
 *
 * @param id the {@code stream_id}
 * @param clientId the client that owns it; the {@code aud} of its SETs
 * @param eventsRequested the event types the receiver asked for
 * @param deliveryMethod {@link #PUSH} or {@link #POLL}
 * @param endpointUrl where pushes go; for a poll stream null (its URL is derived from the id)
 * @param authorizationHeader sent with each push; never shown again
 * @param minVerificationInterval seconds, or null
 * @param status {@link #ENABLED}, {@link #PAUSED} or {@link #DISABLED}
 */
public record Stream(String id, String clientId, List<String> eventsRequested, String deliveryMethod,
        String endpointUrl, String authorizationHeader, Integer minVerificationInterval, String description,
        String status, String statusReason) {

    /** RFC 8935 push delivery. */
    public static final String PUSH = "urn:ietf:rfc:8935";

    /** RFC 8936 poll delivery. */
    public static final String POLL = "urn:ietf:rfc:8936";

    public static final String ENABLED = "enabled";

    public static final String PAUSED = "paused";

    public static final String DISABLED = "disabled";

    /** SSF 1.0 §8.1.1 {@code events_delivered}: what was requested and is supported. */
    public List<String> eventsDelivered() {
        return eventsRequested.stream().filter(SignalTypes.SUPPORTED::contains).toList();
    }

    /** Whether SETs of this type are queued for the stream now: a disabled stream queues nothing. */
    boolean queues(String eventType) {
        return !DISABLED.equals(status) && eventsDelivered().contains(eventType);
    }

    public Stream withStatus(String newStatus, String reason) {
        return new Stream(id, clientId, eventsRequested, deliveryMethod, endpointUrl, authorizationHeader,
                minVerificationInterval, description, newStatus, reason);
    }
}
