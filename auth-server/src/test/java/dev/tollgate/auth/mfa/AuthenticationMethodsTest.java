package dev.tollgate.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.tollgate.auth.twofactor.TotpFactor;

class AuthenticationMethodsTest {

    @Test
    void aPasskeyWithUserVerificationIsTwoFactorsOnItsOwn() {
        Authentication passkey = signIn(FactorGrantedAuthority.WEBAUTHN_AUTHORITY);
        assertThat(AuthenticationMethods.amr(passkey)).containsExactly("mfa", "hwk", "user");
        assertThat(AuthenticationMethods.acr(passkey)).isEqualTo(AuthenticationMethods.MFA);
    }

    @Test
    void aPasswordIsOneFactorAndACodeMakesItTwo() {
        assertThat(AuthenticationMethods.amr(signIn(FactorGrantedAuthority.PASSWORD_AUTHORITY))).containsExactly("pwd");
        assertThat(AuthenticationMethods.acr(signIn(FactorGrantedAuthority.PASSWORD_AUTHORITY)))
                .isEqualTo(AuthenticationMethods.PASSWORD);
        Authentication both = signIn(FactorGrantedAuthority.PASSWORD_AUTHORITY, TotpFactor.AUTHORITY);
        assertThat(AuthenticationMethods.amr(both)).containsExactly("mfa", "pwd", "otp");
        assertThat(AuthenticationMethods.isMultiFactor(both)).isTrue();
    }

    @Test
    void anUpstreamSignInAddsNoMethodButCountsAsAFactor() {
        Authentication upstream = signIn(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY);
        assertThat(AuthenticationMethods.amr(upstream)).isEmpty();
        assertThat(AuthenticationMethods.acr(upstream)).isEqualTo(AuthenticationMethods.UPSTREAM);
        Authentication withCode = signIn(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY, TotpFactor.AUTHORITY);
        assertThat(AuthenticationMethods.acr(withCode)).isEqualTo(AuthenticationMethods.MFA);
    }

    @Test
    void adminsNeedTwoFactorsInProductionUnlessConfiguredOtherwise() {
        assertThat(new RolesRequiringMfa(new MfaProperties(null), true).roles()).containsExactly("ADMIN");
        assertThat(new RolesRequiringMfa(new MfaProperties(null), false).roles()).isEmpty();
        assertThat(new RolesRequiringMfa(new MfaProperties(List.of()), true).roles()).isEmpty();
        assertThat(new RolesRequiringMfa(new MfaProperties(List.of("AUDITOR")), false).roles())
                .containsExactly("AUDITOR");
    }

    private static Authentication signIn(String... factors) {
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        for (String factor : factors) {
            authorities.add(FactorGrantedAuthority.fromAuthority(factor));
        }
        return UsernamePasswordAuthenticationToken.authenticated("someone", null, authorities);
    }
}
