package dev.tollgate.auth.metrics;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.metrics.client-label}: the clients whose id the protocol endpoints' metrics carry as label
 * {@code client_id}; every other authenticated client is counted as {@code other}, so that clients registering
 * themselves cannot grow the number of series without bound. Entries: {@code built-in} (the clients that came with
 * Tollgate, such as the demo clients), client ids, or {@code none} alone for no client at all. The client id of
 * every request stays in the logs and the audit events.
 */
@ConfigurationProperties("tollgate.metrics")
public record ClientLabelProperties(@DefaultValue("built-in") List<String> clientLabel) {

    static final String BUILT_IN = "built-in";

    boolean builtInLabelled() {
        return clientLabel.contains(BUILT_IN);
    }

    boolean labelled(String clientId) {
        return !BUILT_IN.equals(clientId) && clientLabel.contains(clientId);
    }
}
