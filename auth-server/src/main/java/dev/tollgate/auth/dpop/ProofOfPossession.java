package dev.tollgate.auth.dpop;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tollgate.auth.client.TollgateClientSettings;

/**
 * DPoP-bound access tokens (RFC 9449). Spring Authorization Server checks the proof at the token endpoint (signature,
 * {@code typ}, {@code htm}, {@code htu}, {@code iat} within 60 s, {@code jti} once per instance) and answers
 * {@code token_type: DPoP} when the access token has {@code cnf.jkt}; this adds that claim (§6), refuses a proof
 * used before on any instance sharing the database (§11.1), and keeps a public client's refresh token bound to the
 * key of its access tokens (§5): a refresh without a proof is refused (with a proof of another key Spring
 * Authorization Server refuses it). It hands out server nonces (§8) and refuses a proof with a nonce it did not give
 * or that is too old ({@code use_dpop_nonce}); a proof without a nonce is accepted. A client registered with
 * {@code dpop_bound_access_tokens} (§5.2) gets no token without a proof.
 */
@Component
public class ProofOfPossession {

    /** RFC 7800 §3.1: the confirmation claim. */
    public static final String CONFIRMATION = "cnf";

    /** RFC 9449 §6.1: the JWK SHA-256 thumbprint confirmation method. */
    public static final String THUMBPRINT = "jkt";

    // the proof's iat may be up to 60 s off either way (Spring Security's JwtIssuedAtValidator); kept a little longer
    private static final Duration REPLAY_WINDOW = Duration.ofMinutes(3);

    /** RFC 9449 §8: the response header with a nonce, and the error asking for one. */
    public static final String NONCE_HEADER = "DPoP-Nonce";

    static final String USE_DPOP_NONCE = "use_dpop_nonce";

    private final UsedProofs usedProofs;

    private final ServerNonces nonces;

    ProofOfPossession(UsedProofs usedProofs, ServerNonces nonces) {
        this.usedProofs = usedProofs;
        this.nonces = nonces;
    }

    /** Called while an access token's claims are made: binds it to the proof's key, or refuses the request. */
    public void bind(OAuth2TokenContext context, Map<String, Object> claims) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        Jwt proof = context.get(OAuth2TokenContext.DPOP_PROOF_KEY);
        if (proof == null) {
            if (TollgateClientSettings.requiresDPoP(context.getRegisteredClient())) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                        "This client is registered for DPoP-bound access tokens only: send a DPoP proof.", null));
            }
            if (isBoundRefreshOfPublicClient(context)) {
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "The refresh token is bound to a DPoP key: send a DPoP proof of that key.", null));
            }
            claims.remove(CONFIRMATION);
            return;
        }
        String nonce = proof.getClaimAsString("nonce");
        if (nonce != null && !nonces.isGood(nonce)) {
            throw new OAuth2AuthenticationException(new OAuth2Error(USE_DPOP_NONCE,
                    "The DPoP proof's nonce is not one this server gave, or too old: use the one in DPoP-Nonce.",
                    null));
        }
        String jkt = thumbprintOf(proof);
        Instant issuedAt = proof.getIssuedAt();
        if (!usedProofs.firstUse(jkt, proof.getId(), issuedAt.plus(REPLAY_WINDOW))) {
            throw invalidProof("The DPoP proof was used before (jti).");
        }
        Map<String, Object> confirmation = new LinkedHashMap<>();
        confirmation.put(THUMBPRINT, jkt);
        claims.put(CONFIRMATION, confirmation);
    }

    /**
     * For the token endpoint's chain: every answer to a request with a DPoP proof carries the current nonce (RFC 9449
     * §8), for the client's next proof.
     */
    public OncePerRequestFilter nonceOnTokenResponses(String tokenEndpoint) {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return request.getHeader(OAuth2AccessToken.TokenType.DPOP.getValue()) == null
                        || !tokenEndpoint.equals(request.getRequestURI().substring(request.getContextPath().length()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                response.setHeader(NONCE_HEADER, nonces.current());
                chain.doFilter(request, response);
            }
        };
    }

    private static boolean isBoundRefreshOfPublicClient(OAuth2TokenContext context) {
        if (!AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                || !context.getRegisteredClient().getClientAuthenticationMethods()
                        .contains(ClientAuthenticationMethod.NONE)) {
            return false;
        }
        OAuth2Authorization authorization = context.getAuthorization();
        OAuth2Authorization.Token<OAuth2AccessToken> accessToken =
                authorization == null ? null : authorization.getAccessToken();
        if (accessToken == null || accessToken.getClaims() == null) {
            return false;
        }
        ClaimAccessor claims = accessToken::getClaims;
        Map<String, Object> confirmation = claims.getClaimAsMap(CONFIRMATION);
        return confirmation != null && confirmation.containsKey(THUMBPRINT);
    }

    private static String thumbprintOf(Jwt proof) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> jwk = (Map<String, Object>) proof.getHeaders().get("jwk");
            return JWK.parse(jwk).computeThumbprint().toString();
        }
        catch (java.text.ParseException | JOSEException | RuntimeException unreadable) {
            throw invalidProof("The DPoP proof's jwk header is missing or invalid.");
        }
    }

    private static OAuth2AuthenticationException invalidProof(String description) {
        return new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF, description, null));
    }
}
