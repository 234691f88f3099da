package dev.tollgate.api.security;

/**
 * What a Tollgate opaque access token looks like: 96 random bytes in base64url without padding, exactly 128
 * characters of {@code A-Z a-z 0-9 - _} (Spring Authorization Server's {@code OAuth2AccessTokenGenerator}; the
 * auth server's tests check that its tokens keep this shape). A bearer string of any other shape cannot be one, so
 * it is refused here without costing a call to the auth server.
 */
final class OpaqueTokenShape {

    static final int LENGTH = 128;

    private OpaqueTokenShape() {
    }

    static boolean couldBeTollgateToken(String token) {
        if (token.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (!isBase64UrlCharacter(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64UrlCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
