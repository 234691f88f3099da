package dev.tollgate.api.signals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

import dev.tollgate.api.ApiProperties;
import dev.tollgate.api.security.AccessTokenCaches;

/**
 * The Shared Signals receiver (README "Shared Signals receiver"): subscribes this instance to the auth server's
 * events, turns each verified SET into entries of the {@link DenyList}, and keeps track of whether it is in sync.
 *
 * <p>Pushes (RFC 8935) are the normal way in. To know that they still arrive it asks for a verification event
 * every {@code verification-interval}; one that has not come back by the time of the next means pushes stopped,
 * and it polls (RFC 8936) the same queue every {@code poll-interval} until a verification event is pushed again.
 * Its lag is the time since it last knew it had every event: since the request of the last verification event that
 * came back, or the last poll that found the queue empty. Everything that depends on time reads the clock, and
 * {@link #tick()} does one round of all of it, so tests drive it without waiting.
 */
class SignalsReceiver {

    private static final Logger log = LoggerFactory.getLogger(SignalsReceiver.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);
    private static final int POLL_BATCH = 100;
    private static final int POLLS_PER_ROUND = 20;
    /** Verification requests whose answer still counts when it arrives late. */
    private static final int VERIFICATIONS_REMEMBERED = 8;

    private final ApiProperties properties;
    private final ApiProperties.Signals settings;
    private final Transmitter transmitter;
    private final DenyList denyList;
    private final AccessTokenCaches caches;
    private final Clock clock;
    private final String authorizationHeader = "Bearer " + randomToken();
    private final String endpointUrl;
    /** jti of every SET received → when to forget it, so that each is applied once. */
    private final Map<String, Instant> received = new ConcurrentHashMap<>();
    private final Instant startedAt;

    private volatile SecurityEventTokens sets;
    /** {@code verification-interval}, or the stream's {@code min_verification_interval} if that is longer. */
    private volatile Duration verificationInterval;
    private volatile String streamId;
    private Instant nextSubscription;
    private Duration subscriptionRetry = FIRST_RETRY;
    /**
     * state → when it was asked for, oldest first; also the lock of the fields below, which pushes update too (never
     * held during a call to the auth server, so a push does not wait for a poll).
     */
    private final LinkedHashMap<String, Instant> verificationsAsked = new LinkedHashMap<>();
    private Instant lastVerificationAsked;
    private boolean lastVerificationArrived = true;
    private volatile boolean polling;
    private volatile Instant inSyncAt;
    private boolean warnedOfLag;
    private final List<String> unacknowledged = new ArrayList<>();

    SignalsReceiver(ApiProperties properties, Transmitter transmitter, DenyList denyList, AccessTokenCaches caches,
            Clock clock) {
        this.properties = properties;
        this.settings = properties.api().signals();
        this.transmitter = transmitter;
        this.denyList = denyList;
        this.caches = caches;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.nextSubscription = startedAt;
        this.verificationInterval = settings.verificationInterval();
        this.endpointUrl = settings.receiverUrl().toString().replaceAll("/$", "") + "/signals/events";
    }

    /** One round: subscribe if not yet, ask for a verification event when due, poll while pushes do not arrive. */
    synchronized void tick() {
        Instant now = clock.instant();
        if (streamId == null) {
            if (!now.isBefore(nextSubscription)) {
                subscribe();
            }
        } else {
            if (verificationDue(now)) {
                askForVerification();
            }
            if (polling) {
                poll();
            }
        }
        judgeLag(clock.instant());
        denyList.forgetExpired(now);
        received.values().removeIf(forgetAt -> forgetAt.isBefore(now));
    }

    /**
     * Finds this instance's stream (the one pushing to its {@code endpoint_url}) and gives it a new authorization
     * header, or creates it; on failure, tries again after a delay that doubles up to a minute.
     *
     * @return whether it is subscribed now
     */
    synchronized boolean subscribe() {
        try {
            Transmitter.Metadata metadata = transmitter.metadata();
            sets = new SecurityEventTokens(metadata.jwksUri(), metadata.issuer(), settings.clientId(),
                    properties.api().clockSkew(), clock);
            String existing = transmitter.streams().stream()
                    .filter(stream -> Transmitter.PUSH.equals(stream.path("delivery").path("method").asString(""))
                            && endpointUrl.equals(stream.path("delivery").path("endpoint_url").asString("")))
                    .map(stream -> stream.path("stream_id").asString(""))
                    .filter(id -> !id.isEmpty())
                    .findFirst().orElse(null);
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("delivery", Map.of("method", Transmitter.PUSH, "endpoint_url", endpointUrl,
                    "authorization_header", authorizationHeader));
            stream.put("events_requested", SecurityEvent.REQUESTED);
            stream.put("description", "Tollgate resource server at " + settings.receiverUrl());
            JsonNode answer;
            if (existing != null) {
                stream.put("stream_id", existing);
                answer = transmitter.updateStream(stream);
            } else {
                answer = transmitter.createStream(stream);
            }
            String id = existing != null ? existing : answer == null ? "" : answer.path("stream_id").asString("");
            if (id.isEmpty()) {
                throw new IllegalStateException("The transmitter answered without a stream_id");
            }
            streamId = id;
            Duration transmittersMinimum = Duration.ofSeconds(answer == null ? 0 : answer.path("min_verification_interval").asLong(0));
            verificationInterval = transmittersMinimum.compareTo(settings.verificationInterval()) > 0
                    ? transmittersMinimum : settings.verificationInterval();
            subscriptionRetry = FIRST_RETRY;
            log.info("{} Shared Signals stream {} pushing to {}", existing != null ? "Reusing" : "Created", id, endpointUrl);
            askForVerification();
            return true;
        } catch (RuntimeException failed) {
            nextSubscription = clock.instant().plus(subscriptionRetry);
            log.warn("Could not subscribe to the auth server's Shared Signals ({}); trying again in {}",
                    failed.getMessage(), subscriptionRetry);
            subscriptionRetry = subscriptionRetry.multipliedBy(2).compareTo(LAST_RETRY) > 0
                    ? LAST_RETRY : subscriptionRetry.multipliedBy(2);
            return false;
        }
    }

    /** Whether the next verification event is due; if the last one has not arrived by then, polling starts. */
    private boolean verificationDue(Instant now) {
        synchronized (verificationsAsked) {
            // a clock that went back (NTP) is no reason to wait
            if (lastVerificationAsked != null && !now.isBefore(lastVerificationAsked)
                    && now.isBefore(lastVerificationAsked.plus(verificationInterval))) {
                return false;
            }
            if (!lastVerificationArrived && !polling) {
                log.warn("No verification event was pushed within {}: polling the stream until pushes arrive again",
                        verificationInterval);
                polling = true;
            }
            return true;
        }
    }

    private void askForVerification() {
        Instant now = clock.instant();
        String state = randomToken();
        synchronized (verificationsAsked) {
            lastVerificationAsked = now;
            lastVerificationArrived = false;
            verificationsAsked.put(state, now);
            while (verificationsAsked.size() > VERIFICATIONS_REMEMBERED) {
                verificationsAsked.remove(verificationsAsked.keySet().iterator().next());
            }
        }
        try {
            transmitter.requestVerification(streamId, state);
        } catch (HttpClientErrorException.NotFound gone) {
            streamGone();
        } catch (RestClientException | IllegalStateException failed) {
            log.warn("Could not ask for a verification event: {}", failed.getMessage());
        }
    }

    /**
     * Polls until the queue is empty (or a round's limit), acknowledging what was applied and reporting what was
     * refused; what could not be checked now (keys unreachable) is left for the next poll.
     */
    synchronized void poll() {
        if (streamId == null) {
            return;
        }
        Map<String, Map<String, String>> refused = new LinkedHashMap<>();
        try {
            for (int round = 0; round < POLLS_PER_ROUND; round++) {
                Instant asked = clock.instant();
                List<String> ack = List.copyOf(unacknowledged);
                Transmitter.Polled polled = transmitter.poll(streamId, POLL_BATCH, ack, Map.copyOf(refused));
                unacknowledged.removeAll(ack);
                refused.clear();
                polled.sets().forEach((jti, set) -> {
                    try {
                        receive(set, false);
                        unacknowledged.add(jti);
                    } catch (SetRefused refusal) {
                        if (refusal.isAlreadyReceived()) {
                            // pushed as well, and applied then: only its acknowledgement is missing
                            unacknowledged.add(jti);
                            return;
                        }
                        refused.put(jti, Map.of("err", refusal.err(), "description", refusal.description()));
                    } catch (JwtException keysUnreachable) {
                        log.warn("Could not check a polled SET now: {}", keysUnreachable.getMessage());
                    }
                });
                if (polled.sets().isEmpty() && !polled.moreAvailable()) {
                    inSync(asked);
                    return;
                }
            }
        } catch (HttpClientErrorException.NotFound gone) {
            streamGone();
        } catch (RestClientException | IllegalStateException failed) {
            log.warn("Could not poll the Shared Signals stream: {}", failed.getMessage());
        }
    }

    /** The transmitter no longer knows the stream (deleted by an administrator): subscribe again at once. */
    private void streamGone() {
        log.warn("The auth server no longer knows Shared Signals stream {}: subscribing again", streamId);
        streamId = null;
        nextSubscription = clock.instant();
    }

    /**
     * Checks a SET and applies it once.
     *
     * @param pushed whether it came by push (then a verification event shows that pushes arrive again)
     * @throws SetRefused never acceptable: a bad SET, or one already received
     * @throws JwtException the transmitter's keys could not be fetched: try again later
     */
    void receive(String token, boolean pushed) {
        SecurityEventTokens verifier = sets;
        if (verifier == null) {
            throw new IllegalStateException("Not subscribed yet");
        }
        SecurityEvent set = verifier.verify(token);
        Instant now = clock.instant();
        if (received.putIfAbsent(set.jti(), now.plus(settings.denyListTtl())) != null) {
            throw SetRefused.alreadyReceived();
        }
        set.events().forEach((type, members) -> apply(set, type, members, pushed, now));
    }

    private void apply(SecurityEvent set, String type, Map<String, Object> members, boolean pushed, Instant now) {
        SecurityEvent.Subject subject = set.subject();
        Instant happened = set.timestampOf(members);
        switch (type) {
            case SecurityEvent.VERIFICATION -> {
                verified(members.get("state"), pushed);
                return;
            }
            case SecurityEvent.STREAM_UPDATED -> {
                log.warn("The auth server set this instance's Shared Signals stream to {}", members.get("status"));
                return;
            }
            case SecurityEvent.SESSION_REVOKED -> {
                if (subject.session() != null) {
                    denyList.refuseSessionIssuedUntil(subject.session(), happened, now);
                } else if (subject.user() != null) {
                    denyList.refuseSubjectIssuedUntil(subject.user(), happened, now);
                }
            }
            case SecurityEvent.TOKEN_CLAIMS_CHANGE, SecurityEvent.CREDENTIAL_CHANGE, SecurityEvent.ACCOUNT_DISABLED,
                 SecurityEvent.ACCOUNT_PURGED -> {
                if (subject.user() != null) {
                    denyList.refuseSubjectIssuedUntil(subject.user(), happened, now);
                }
            }
            case SecurityEvent.GRANT_REVOKED -> {
                boolean named = false;
                if (members.get("grant_id") instanceof String grantId) {
                    denyList.revokeGrant(grantId, now);
                    named = true;
                }
                if (members.get("jtis") instanceof List<?> jtis && !jtis.isEmpty()) {
                    denyList.revokeTokens(jtis.stream().filter(String.class::isInstance).map(String.class::cast).toList(), now);
                    named = true;
                }
                // a client's own tokens (a deleted client's): no grant, no list, every token the client was given
                if (!named && subject.client() != null) {
                    denyList.refuseSubjectIssuedUntil(subject.client(), happened, now);
                }
            }
            default -> {
                return;
            }
        }
        forgetCachedTokensOf(subject);
        log.info("Applied Shared Signals event {} (jti {})", type, set.jti());
    }

    private void forgetCachedTokensOf(SecurityEvent.Subject subject) {
        caches.forgetRefused(denyList);
        if (subject.user() != null) {
            caches.forgetSubject(subject.user());
        }
        if (subject.client() != null) {
            caches.forgetSubject(subject.client());
        }
    }

    private void verified(Object state, boolean pushed) {
        synchronized (verificationsAsked) {
            Instant asked = state instanceof String known ? verificationsAsked.get(known) : null;
            if (asked == null) {
                return;
            }
            if (asked.equals(lastVerificationAsked)) {
                lastVerificationArrived = true;
            }
            if (pushed && polling) {
                log.info("Verification events are pushed again: polling stops");
                polling = false;
            }
            inSync(asked);
        }
    }

    private void inSync(Instant at) {
        synchronized (verificationsAsked) {
            if (inSyncAt == null || at.isAfter(inSyncAt)) {
                inSyncAt = at;
            }
            judgeLag(clock.instant());
        }
    }

    /** Above {@code max-lag}: warn once, and with {@code fail-closed} refuse tokens issued before the gap. */
    private void judgeLag(Instant now) {
        synchronized (verificationsAsked) {
            judgeLagLocked(now);
        }
    }

    private void judgeLagLocked(Instant now) {
        Duration lag = lag(now);
        boolean lagging = lag.compareTo(settings.maxLag()) > 0;
        Instant gapStart = inSyncAt != null ? inSyncAt : startedAt;
        if (lagging && !warnedOfLag) {
            log.warn("Shared Signals are {} behind (more than {}): revocations since {} may be missed{}", lag,
                    settings.maxLag(), gapStart, settings.failClosed() ? "; JWTs issued before then are refused" : "");
        }
        warnedOfLag = lagging;
        denyList.refuseIssuedBefore(lagging && settings.failClosed() ? gapStart : null);
    }

    /** Time since the receiver last knew it had every event (since start-up if never). */
    Duration lag(Instant now) {
        Instant since = inSyncAt != null ? inSyncAt : startedAt;
        return now.isAfter(since) ? Duration.between(since, now) : Duration.ZERO;
    }

    /** Whether a push carries the authorization header this instance gave its stream (compared in constant time). */
    boolean isAuthorized(String header) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                authorizationHeader.getBytes(StandardCharsets.UTF_8));
    }

    /** The Authorization header this instance gave its stream, which every push must carry. */
    String authorizationHeader() {
        return authorizationHeader;
    }

    String streamId() {
        return streamId;
    }

    boolean polling() {
        return polling;
    }

    Instant inSyncAt() {
        return inSyncAt;
    }

    ApiProperties.Signals settings() {
        return settings;
    }

    private static String randomToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
