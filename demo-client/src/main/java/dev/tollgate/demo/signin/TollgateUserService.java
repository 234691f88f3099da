package dev.tollgate.demo.signin;

import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jwt.JWTParser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Loads the signed-in user as Spring Security's {@link OidcUserService} does, and adds the user's Tollgate
 * roles as {@code ROLE_*} authorities.
 * <p>
 * Roles come from the ID token or userinfo when Tollgate puts them there, otherwise from the {@code roles}
 * claim of the access token. Reading that JWT without checking its signature is safe here: it was just
 * received from Tollgate's token endpoint over the back channel, and the roles only shape the pages; the
 * books API makes its own decisions from the verified token.
 */
class TollgateUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String ROLES_CLAIM = "roles";

    private final OidcUserService oidcUserService = new OidcUserService();

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = oidcUserService.loadUser(request);
        Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
        roles(user, request.getAccessToken().getTokenValue()).stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .forEach(authorities::add);
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), IdTokenClaimNames.SUB);
    }

    private static Collection<String> roles(OidcUser user, String accessToken) {
        List<String> fromIdentity = user.getClaimAsStringList(ROLES_CLAIM);
        return fromIdentity != null ? fromIdentity : rolesOfJwt(accessToken);
    }

    private static Collection<String> rolesOfJwt(String accessToken) {
        try {
            List<String> roles = JWTParser.parse(accessToken).getJWTClaimsSet().getStringListClaim(ROLES_CLAIM);
            return roles != null ? roles : List.of();
        }
        catch (ParseException notAJwtWithRoles) {
            return List.of();
        }
    }
}
