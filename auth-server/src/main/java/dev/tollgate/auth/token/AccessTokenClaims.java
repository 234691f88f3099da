package dev.tollgate.auth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.dpop.ProofOfPossession;
import dev.tollgate.auth.tokenexchange.ActorClaim;
import dev.tollgate.auth.user.TokenSubjects;

/**
 * The claims of every access token, JWT or opaque (RFC 9068, README "Endpoints"): {@code aud} is the API, {@code scope}
 * one space-delimited string, {@code client_id}, and for a user's token {@code roles}, and
 * {@code preferred_username} when the user granted {@code profile}; a token from token exchange also {@code act}
 * (RFC 8693 §4.1, {@link ActorClaim}).
 */
@Component
public class AccessTokenClaims {

    public static final String ROLES = "roles";

    private final String apiAudience;

    private final TokenSubjects subjects;

    private final ProofOfPossession proofOfPossession;

    public AccessTokenClaims(AuthServerProperties properties, TokenSubjects subjects,
            ProofOfPossession proofOfPossession) {
        this.apiAudience = properties.api().audience();
        this.subjects = subjects;
        this.proofOfPossession = proofOfPossession;
    }

    // Lists are ArrayLists: the JDBC authorization service stores the claims with Jackson's type allow-list, which
    // does not know the JDK's immutable collections and would fail to load the token back.
    void addTo(OAuth2TokenContext context, Map<String, Object> claims) {
        claims.put(OAuth2TokenIntrospectionClaimNames.AUD, new ArrayList<>(List.of(apiAudience)));
        claims.put(OAuth2TokenIntrospectionClaimNames.CLIENT_ID, context.getRegisteredClient().getClientId());
        if (context.getAuthorizedScopes().isEmpty()) {
            claims.remove(OAuth2ParameterNames.SCOPE);
        }
        else {
            claims.put(OAuth2ParameterNames.SCOPE, String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
        }
        proofOfPossession.bind(context, claims);
        ActorClaim.of(context).ifPresentOrElse(act -> claims.put(ActorClaim.ACT, act),
                () -> claims.remove(ActorClaim.ACT));
        subjects.userOf(context.getPrincipal()).ifPresent(user -> {
            claims.put(ROLES, new ArrayList<>(user.roles()));
            if (context.getAuthorizedScopes().contains(OidcScopes.PROFILE)) {
                claims.put(StandardClaimNames.PREFERRED_USERNAME, user.username());
            }
            else {
                claims.remove(StandardClaimNames.PREFERRED_USERNAME);
            }
        });
    }
}
