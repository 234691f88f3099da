package dev.tollgate.auth.operations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Checks the scraper's HTTP Basic credentials against {@link MetricsScraperProperties}. It stands apart from the
 * users' authentication: a scrape never touches the users table nor counts as a sign-in.
 */
class MetricsScraperAuthentication implements AuthenticationManager {

    static final String ROLE = "METRICS";

    private final MetricsScraperProperties scraper;

    MetricsScraperAuthentication(MetricsScraperProperties scraper) {
        this.scraper = scraper;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!scraper.enabled() || !matches(scraper.username(), attempt.getName())
                || !matches(scraper.password(), String.valueOf(attempt.getCredentials()))) {
            throw new BadCredentialsException("not the metrics scraper");
        }
        return UsernamePasswordAuthenticationToken.authenticated(attempt.getName(), null,
                AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
    }

    /** Compares in constant time, so the response time does not tell how much of a guess was right. */
    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
