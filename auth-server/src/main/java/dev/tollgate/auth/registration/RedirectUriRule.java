package dev.tollgate.auth.registration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which redirect URIs a registered client may have (RFC 9700 §2.1, RFC 8252 §7.3): absolute, no fragment, no user
 * info, and https, or plain http only to this machine's loopback interface. They are then matched as exact strings.
 */
final class RedirectUriRule {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUriRule() {
    }

    static boolean accepts(String redirectUri) {
        URI uri;
        try {
            uri = new URI(redirectUri);
        }
        catch (URISyntaxException | NullPointerException malformed) {
            return false;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return "https".equals(scheme)
                || "http".equals(scheme) && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }
}
