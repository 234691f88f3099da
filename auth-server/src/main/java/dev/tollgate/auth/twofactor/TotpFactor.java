package dev.tollgate.auth.twofactor;

import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The factor a sign-in proved with a TOTP code or a recovery code, beside Spring Security's
 * {@link FactorGrantedAuthority} ones.
 */
public final class TotpFactor {

    public static final String AUTHORITY = "FACTOR_TOTP";

    private TotpFactor() {
    }
}
