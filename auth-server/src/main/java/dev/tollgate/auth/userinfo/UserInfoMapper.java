package dev.tollgate.auth.userinfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.user.TokenSubjects;
import dev.tollgate.auth.user.TollgateUser;

/** The userinfo response: {@code sub} plus what the access token's scopes release, read fresh from the user store. */
@Component
public class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

    private final TokenSubjects subjects;

    public UserInfoMapper(TokenSubjects subjects) {
        this.subjects = subjects;
    }

    @Override
    public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
        TollgateUser user = subjects.userById(context.getAuthorization().getPrincipalName());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(StandardClaimNames.SUB, user.id().toString());
        claims.putAll(IdentityClaims.of(user, context.getAccessToken().getScopes()));
        return new OidcUserInfo(claims);
    }
}
