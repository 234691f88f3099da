package dev.tollgate.auth.federation;

import org.springframework.security.core.AuthenticationException;

/** The provider signed the person in, but Tollgate's account rules refuse them. */
class UpstreamSignInRefused extends AuthenticationException {

    private final SignInProblem problem;

    UpstreamSignInRefused(SignInProblem problem) {
        super(problem.name());
        this.problem = problem;
    }

    SignInProblem problem() {
        return problem;
    }
}
