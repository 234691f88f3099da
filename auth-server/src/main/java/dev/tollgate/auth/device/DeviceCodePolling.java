package dev.tollgate.auth.device;

import java.time.Clock;
import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;

import dev.tollgate.auth.authorization.DevicePolls;

/**
 * The token endpoint's answers to a device polling with its device code (RFC 8628 §3.5), around Spring Authorization
 * Server's grant: {@code expired_token} once the code's ten minutes are over on the application's clock,
 * {@code slow_down} (and five seconds more to wait, from then on) for a poll that comes before the interval is over
 * while the user has not decided yet, and {@code invalid_grant} for a code that already gave its token, also to the
 * polls racing the one that got it; {@code access_denied} only when the user denied.
 */
final class DeviceCodePolling implements AuthenticationProvider {

    /** RFC 8628 §3.2 {@code interval}. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    /** RFC 8628 §3.5: what each {@code slow_down} adds to the interval. */
    private static final Duration SLOW_DOWN_INCREMENT = Duration.ofSeconds(5);

    private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8628#section-3.5";

    private static final String AUTHORIZATION_PENDING = "authorization_pending";

    private final AuthenticationProvider grant;

    private final OAuth2AuthorizationService authorizations;

    private final DevicePolls polls;

    private final Clock clock;

    DeviceCodePolling(AuthenticationProvider grant, OAuth2AuthorizationService authorizations, DevicePolls polls,
            Clock clock) {
        this.grant = grant;
        this.authorizations = authorizations;
        this.polls = polls;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OAuth2DeviceCodeAuthenticationToken request = (OAuth2DeviceCodeAuthenticationToken) authentication;
        OAuth2Authorization authorization = authorizations.findByToken(request.getDeviceCode(), DEVICE_CODE);
        if (authorization != null && isOf(request, authorization)) {
            if (alreadyRedeemed(authorization)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            OAuth2Authorization.Token<OAuth2DeviceCode> deviceCode = authorization.getToken(OAuth2DeviceCode.class);
            if (!clock.instant().isBefore(deviceCode.getToken().getExpiresAt())) {
                throw error("expired_token");
            }
        }
        try {
            return grant.authenticate(authentication);
        }
        catch (OAuth2AuthenticationException refused) {
            String code = refused.getError().getErrorCode();
            if (AUTHORIZATION_PENDING.equals(code)
                    && polls.tooEarly(request.getDeviceCode(), clock.instant(), INTERVAL, SLOW_DOWN_INCREMENT)) {
                throw error("slow_down");
            }
            if (OAuth2ErrorCodes.ACCESS_DENIED.equals(code) && redeemedMeanwhile(request)) {
                throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
            }
            throw refused;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return grant.supports(authentication);
    }

    /** A poll racing the one that got the token may read the code spent: that is not a denial. */
    private boolean redeemedMeanwhile(OAuth2DeviceCodeAuthenticationToken request) {
        OAuth2Authorization authorization = authorizations.findByToken(request.getDeviceCode(), DEVICE_CODE);
        return authorization != null && alreadyRedeemed(authorization);
    }

    private static boolean alreadyRedeemed(OAuth2Authorization authorization) {
        return authorization.getAccessToken() != null;
    }

    private static boolean isOf(OAuth2DeviceCodeAuthenticationToken request, OAuth2Authorization authorization) {
        return request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null
                && client.getRegisteredClient().getId().equals(authorization.getRegisteredClientId());
    }

    private static OAuth2AuthenticationException error(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, null, ERROR_URI));
    }
}
