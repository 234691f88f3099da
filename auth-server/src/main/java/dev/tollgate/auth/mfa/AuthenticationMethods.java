package dev.tollgate.auth.mfa;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

import dev.tollgate.auth.twofactor.TotpFactor;

/**
 * What a sign-in's factors say in an ID token: {@code amr} (RFC 8176 section 2) and {@code acr} (OIDC Core 2).
 * <ul>
 * <li>a password: {@code pwd}; a TOTP or recovery code: {@code otp}; a passkey (Tollgate asks for user
 * verification): {@code hwk} and {@code user}, and it counts as two factors on its own;</li>
 * <li>{@code mfa} and {@value #MFA} when two factors were proved, else {@value #PASSWORD};</li>
 * <li>an upstream provider's sign-in is a factor Tollgate did not check and cannot name: it adds nothing to
 * {@code amr}, counts as one factor (the person controls that account) and, alone, is {@value #UPSTREAM}.</li>
 * </ul>
 */
public final class AuthenticationMethods {

    /** {@code acr} after two factors: what {@code acr_values} asks for to require them. */
    public static final String MFA = "urn:tollgate:mfa";

    /** {@code acr} after one factor checked by Tollgate (a password). */
    public static final String PASSWORD = "urn:tollgate:pwd";

    /** {@code acr} after a sign-in at an upstream provider alone, whose strength Tollgate does not know. */
    public static final String UPSTREAM = "urn:tollgate:upstream";

    /** Every {@code acr} value Tollgate issues, for discovery's {@code acr_values_supported}. */
    public static final List<String> SUPPORTED = List.of(PASSWORD, MFA, UPSTREAM);

    private AuthenticationMethods() {
    }

    /** RFC 8176 values of the sign-in's factors, {@code mfa} first when there are two; empty when none is known. */
    public static List<String> amr(Authentication signIn) {
        Set<String> factors = factorsOf(signIn);
        List<String> methods = new ArrayList<>();
        if (isMultiFactor(factors)) {
            methods.add("mfa");
        }
        if (factors.contains(FactorGrantedAuthority.PASSWORD_AUTHORITY)) {
            methods.add("pwd");
        }
        if (factors.contains(TotpFactor.AUTHORITY)) {
            methods.add("otp");
        }
        if (factors.contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)) {
            methods.add("hwk");
            methods.add("user");
        }
        return methods;
    }

    public static String acr(Authentication signIn) {
        Set<String> factors = factorsOf(signIn);
        if (isMultiFactor(factors)) {
            return MFA;
        }
        return factors.equals(Set.of(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)) ? UPSTREAM : PASSWORD;
    }

    /** Whether the sign-in proved two factors (a passkey with user verification is two). */
    public static boolean isMultiFactor(Authentication signIn) {
        return isMultiFactor(factorsOf(signIn));
    }

    private static boolean isMultiFactor(Set<String> factors) {
        int proved = 0;
        for (String factor : factors) {
            proved += FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(factor) ? 2 : 1;
        }
        return proved >= 2;
    }

    private static Set<String> factorsOf(Authentication signIn) {
        return signIn == null ? Set.of() : signIn.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
    }
}
