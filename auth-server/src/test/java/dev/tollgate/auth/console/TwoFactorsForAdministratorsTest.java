package dev.tollgate.auth.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.tollgate.auth.mfa.MfaProperties;
import dev.tollgate.auth.mfa.RolesRequiringMfa;
import dev.tollgate.auth.twofactor.TotpFactor;

class TwoFactorsForAdministratorsTest {

    private final TwoFactorsForAdministrators interceptor =
            new TwoFactorsForAdministrators(new RolesRequiringMfa(new MfaProperties(null), true));

    @Test
    void anAdministratorSignedInWithThePasswordAloneIsSentToTheSecondFactorAndBackAfterIt() throws Exception {
        MockHttpServletRequest request = consoleRequest("ROLE_ADMIN", FactorGrantedAuthority.PASSWORD_AUTHORITY);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(interceptor.preHandle(request, response, new Object())).isFalse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login/two-factor");
        assertThat(request.getSession().getAttribute("SPRING_SECURITY_SAVED_REQUEST")).isNotNull();
    }

    @Test
    void twoFactorsOrARoleThatNeedsNoneOpenTheConsole() throws Exception {
        assertThat(interceptor.preHandle(consoleRequest("ROLE_ADMIN", FactorGrantedAuthority.PASSWORD_AUTHORITY,
                TotpFactor.AUTHORITY), new MockHttpServletResponse(), new Object())).isTrue();
        assertThat(interceptor.preHandle(consoleRequest("ROLE_USER", FactorGrantedAuthority.PASSWORD_AUTHORITY),
                new MockHttpServletResponse(), new Object())).as("the role check itself is Spring Security's").isTrue();
    }

    private static MockHttpServletRequest consoleRequest(String role, String... factors) {
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(role)));
        for (String factor : factors) {
            authorities.add(FactorGrantedAuthority.fromAuthority(factor));
        }
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/users");
        request.setUserPrincipal(UsernamePasswordAuthenticationToken.authenticated("admin-id", null, authorities));
        return request;
    }
}
