package dev.tollgate.auth.authorize;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * An authorization request that sent the browser to the login page, and the sign-in it had then (none, or one too
 * old for {@code prompt=login} / {@code max_age}). When the same request comes back after the login page with a newer
 * sign-in, that sign-in is the fresh one it asked for; without this it would ask again forever. Kept in the session,
 * so in the store every instance shares; one pending request per browser.
 */
record SignInDemand(String request, Instant signInThen) implements Serializable {

    private static final String ATTRIBUTE = SignInDemand.class.getName();

    // Spring Security's marker of a request brought back after sign-in
    private static final String CONTINUE = "continue";

    static void record(HttpServletRequest request, Optional<Instant> signInNow) {
        request.getSession().setAttribute(ATTRIBUTE,
                new SignInDemand(fingerprint(request), signInNow.orElse(Instant.EPOCH)));
    }

    /** Whether this request asked for a sign-in and the browser's sign-in is newer than it was then. */
    static boolean answered(HttpServletRequest request, Optional<Instant> signInNow) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof SignInDemand demand)
                || !demand.request().equals(fingerprint(request))) {
            return false;
        }
        boolean answered = signInNow.isPresent() && signInNow.get().isAfter(demand.signInThen());
        if (answered) {
            session.removeAttribute(ATTRIBUTE);
        }
        return answered;
    }

    /** The request's parameters (query or form), whichever way it was sent. */
    private static String fingerprint(HttpServletRequest request) {
        Map<String, String> parameters = new TreeMap<>(request.getParameterMap().entrySet().stream()
                .filter(parameter -> !CONTINUE.equals(parameter.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, parameter -> String.join("\u0000", parameter.getValue()))));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(parameters.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
