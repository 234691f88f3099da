package dev.tollgate.auth.backchannel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.backchannel-logout.*}: how logout tokens reach clients (OpenID Connect Back-Channel Logout 1.0,
 * README "Back-channel logout").
 *
 * @param timeout how long one delivery may take, connecting and answering together (spec §2.8: the OP should not
 *        wait long for an RP)
 * @param tokenLifetime how long a logout token is valid after it was signed ({@code exp - iat})
 * @param retryDelay the wait after the first failed delivery; each further failure doubles it
 * @param maxAttempts deliveries tried for one logout token before it is given up (audited)
 * @param sweepInterval how often every instance looks for due deliveries besides the wake-up after each commit
 * @param lease how long an instance holds a delivery it is sending before another instance may take it over; longer
 *        than the timeout, so that a slow client cannot get a logout token twice
 */
@ConfigurationProperties("tollgate.backchannel-logout")
public record BackChannelLogoutProperties(
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("2m") Duration tokenLifetime,
        @DefaultValue("10s") Duration retryDelay,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("10s") Duration sweepInterval,
        @DefaultValue("1m") Duration lease) {
}
