package dev.tollgate.api.security;

/**
 * Lets whoever learns of a revocation drop what the two token caches remember ({@link VerifiedJwtCache},
 * {@link CachingIntrospector}), so that the next request with an affected token is checked afresh.
 */
public final class AccessTokenCaches {

    private final VerifiedJwtCache verifiedJwts;
    private final CachingIntrospector introspections;

    AccessTokenCaches(VerifiedJwtCache verifiedJwts, CachingIntrospector introspections) {
        this.verifiedJwts = verifiedJwts;
        this.introspections = introspections;
    }

    VerifiedJwtCache verifiedJwts() {
        return verifiedJwts;
    }

    CachingIntrospector introspections() {
        return introspections;
    }

    /** Forgets every remembered token that {@code denyList} now refuses. */
    public void forgetRefused(AccessTokenDenyList denyList) {
        verifiedJwts.forgetIf(denyList::refusesJwt);
        introspections.forgetIf(denyList::refusesIntrospected);
    }

    /**
     * Forgets every introspection answer about tokens of this {@code sub} (a user's id, or a client's id for its
     * client_credentials tokens), so they are introspected again: the auth server then says whether they are
     * still active, whatever the answer carried.
     */
    public void forgetSubject(String subject) {
        introspections.forgetIf(claims -> subject.equals(claims.get("sub")));
        verifiedJwts.forgetIf(claims -> subject.equals(claims.get("sub")));
    }
}
