package dev.tollgate.auth.userinfo;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcUserInfoEndpointConfigurer;
import org.springframework.stereotype.Component;

/** The userinfo endpoint ({@code /userinfo}): {@link UserInfoMapper}'s claims, RFC 6750 errors ({@link UserInfoErrors}). */
@Component
public class UserInfoEndpoint {

    private final UserInfoMapper userInfoMapper;

    public UserInfoEndpoint(UserInfoMapper userInfoMapper) {
        this.userInfoMapper = userInfoMapper;
    }

    /** For {@code oidc(oidc -> oidc.userInfoEndpoint(...))}. */
    public void customize(OidcUserInfoEndpointConfigurer userInfo) {
        userInfo.userInfoMapper(userInfoMapper).errorResponseHandler(new UserInfoErrors());
    }
}
