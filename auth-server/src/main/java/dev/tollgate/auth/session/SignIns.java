package dev.tollgate.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * What an ID token says about the sign-in behind it (OIDC Core 2, Front-/Back-Channel Logout): {@code auth_time}, when
 * the user proved who they are, and {@code sid}, which sign-in session at Tollgate it was. Both travel inside the
 * sign-in itself (the {@link Authentication} that the session store, shared by every instance, keeps and that each
 * authorization records), so they are right for the browser that authorized, on any instance, also when refreshed.
 * <ul>
 * <li>{@code auth_time}: the newest factor's time ({@link FactorGrantedAuthority#getIssuedAt()}, set by Spring
 * Security at every password, upstream or passkey sign-in).</li>
 * <li>{@code sid}: each sign-in draws a random session key that its {@link WebAuthenticationDetails} carry as their
 * session id (the servlet session's own id changes at sign-in and must never reach a client); the {@code sid} is its
 * SHA-256 digest. One sign-in in one browser, one {@code sid}: three browsers of one user have three.</li>
 * </ul>
 */
public final class SignIns {

    /** Session attribute: the address the session was signed in from. */
    public static final String ADDRESS_ATTRIBUTE = "tollgate.sign_in.address";

    /** Session attribute: the {@code User-Agent} of the browser that signed in, shortened. */
    public static final String USER_AGENT_ATTRIBUTE = "tollgate.sign_in.user_agent";

    private static final int USER_AGENT_MAX_LENGTH = 256;

    /**
     * Details of every sign-in: the client address, and a new session key. The session also remembers the device
     * signing in (address, user agent), so that an administrator listing the user's sessions can tell them apart; a
     * failed attempt's values are replaced by the next one's.
     */
    public static final AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> DETAILS =
            request -> {
                rememberDevice(request);
                return new WebAuthenticationDetails(request.getRemoteAddr(), newSessionKey());
            };

    private static final SecureRandom RANDOM = new SecureRandom();

    private SignIns() {
    }

    /** The {@code sid} of this sign-in, if it was made with {@link #DETAILS}. */
    public static Optional<String> sidOf(Authentication signIn) {
        return signIn != null && signIn.getDetails() instanceof WebAuthenticationDetails details
                && details.getSessionId() != null ? Optional.of(digest(details.getSessionId())) : Optional.empty();
    }

    /** When the user last proved who they are in this sign-in. */
    public static Optional<Instant> authTimeOf(Authentication signIn) {
        return signIn == null ? Optional.empty() : signIn.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .map(factor -> ((FactorGrantedAuthority) factor).getIssuedAt())
                .filter(Objects::nonNull)
                .max(Instant::compareTo);
    }

    /**
     * A factor proved now. Spring Security stamps the factors it grants with the system clock; Tollgate stamps them
     * with the {@link Clock} bean, like every other time it keeps, so that {@code auth_time}, {@code max_age} and
     * {@code prompt=login} follow the same clock as the tokens (and tests move that clock instead of sleeping).
     */
    public static FactorGrantedAuthority factor(String authority, Clock clock) {
        return FactorGrantedAuthority.withAuthority(authority).issuedAt(clock.instant()).build();
    }

    /** The sign-in's factors re-stamped by {@link #factor}, its other authorities as they are. */
    public static List<GrantedAuthority> stamped(
            Collection<? extends GrantedAuthority> authorities,
            Clock clock) {
        return authorities.stream()
                .map(authority -> authority instanceof FactorGrantedAuthority factor
                        ? (GrantedAuthority) factor(factor.getAuthority(), clock)
                        : authority)
                .toList();
    }

    private static void rememberDevice(HttpServletRequest request) {
        String userAgent = request.getHeader("User-Agent");
        HttpSession session = request.getSession();
        session.setAttribute(ADDRESS_ATTRIBUTE, request.getRemoteAddr());
        session.setAttribute(USER_AGENT_ATTRIBUTE, userAgent == null ? null
                : userAgent.substring(0, Math.min(userAgent.length(), USER_AGENT_MAX_LENGTH)));
    }

    private static String newSessionKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
