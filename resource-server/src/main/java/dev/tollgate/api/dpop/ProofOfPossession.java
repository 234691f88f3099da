package dev.tollgate.api.dpop;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * DPoP-bound access tokens at the API (RFC 9449 §7). Spring Security's resource server checks a request with
 * {@code Authorization: DPoP} and a {@code DPoP} proof (signature, {@code htm}, {@code htu}, {@code iat} within 60 s,
 * {@code ath}, the key's thumbprint against the token's {@code cnf.jkt}, {@code jti} once per instance) and answers
 * {@code WWW-Authenticate: DPoP} when they fail; this refuses a bound token sent as a bearer token (§7.2) and a proof
 * another API instance sharing the database accepted before (§11.1).
 */
@Component
public class ProofOfPossession {

    /** The algorithms Spring Security accepts in a proof: the RSA and EC families. */
    public static final String ALGORITHMS = "RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512";

    // the proof's iat may be up to 60 s off either way (Spring Security's JwtIssuedAtValidator); kept a little longer
    private static final Duration REPLAY_WINDOW = Duration.ofMinutes(3);

    private static final String PROOF_HEADER = OAuth2AccessToken.TokenType.DPOP.getValue();

    private final UsedProofs usedProofs;

    ProofOfPossession(UsedProofs usedProofs) {
        this.usedProofs = usedProofs;
    }

    /** True for a request whose access token comes as {@code Authorization: DPoP}. */
    public static boolean isDPoPRequest(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, PROOF_HEADER + " ", 0,
                PROOF_HEADER.length() + 1);
    }

    /** Checks bearer tokens with {@code tokens}, refusing those bound to a DPoP key. */
    public static AuthenticationManager bearerOnly(AuthenticationManager tokens) {
        return authentication -> {
            Authentication authenticated = tokens.authenticate(authentication);
            if (isBound(authenticated)) {
                throw new BoundTokenAsBearer();
            }
            return authenticated;
        };
    }

    /** The {@code WWW-Authenticate} challenge of RFC 9449 §7.1 for an error. */
    public static String challenge(OAuth2Error error) {
        StringBuilder challenge = new StringBuilder(PROOF_HEADER).append(" error=\"").append(error.getErrorCode())
                .append('"');
        if (error.getDescription() != null) {
            challenge.append(", error_description=\"").append(error.getDescription()).append('"');
        }
        return challenge.append(", algs=\"").append(ALGORITHMS).append('"').toString();
    }

    /** After Spring Security accepted the proof: refuses it if any instance accepted it before. */
    public OncePerRequestFilter singleUseProofs() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (isDPoPRequest(request) && isBound(authentication) && !firstUse(request.getHeader(PROOF_HEADER))) {
                    SecurityContextHolder.clearContext();
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(new OAuth2Error(
                            OAuth2ErrorCodes.INVALID_DPOP_PROOF, "The DPoP proof was used before (jti).", null)));
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private boolean firstUse(String proof) {
        try {
            SignedJWT jwt = SignedJWT.parse(proof);
            String jkt = jwt.getHeader().getJWK().computeThumbprint().toString();
            return usedProofs.firstUse(jkt, jwt.getJWTClaimsSet().getJWTID(),
                    jwt.getJWTClaimsSet().getIssueTime().toInstant().plus(REPLAY_WINDOW));
        }
        catch (ParseException | JOSEException | RuntimeException unreadable) {
            // Spring Security verified this very proof a moment ago: it does not get here
            return false;
        }
    }

    private static boolean isBound(Authentication authentication) {
        return authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token
                && token.getTokenAttributes().get("cnf") instanceof Map<?, ?> confirmation
                && confirmation.get("jkt") != null;
    }

    /** RFC 9449 §7.2: a DPoP-bound token came as {@code Authorization: Bearer}. */
    public static final class BoundTokenAsBearer extends OAuth2AuthenticationException {

        BoundTokenAsBearer() {
            super(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The access token is bound to a DPoP key: send it as Authorization: DPoP with a DPoP proof", null));
        }
    }
}
