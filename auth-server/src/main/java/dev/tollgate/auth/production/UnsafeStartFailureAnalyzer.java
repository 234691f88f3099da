package dev.tollgate.auth.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start as Spring Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class UnsafeStartFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeStartException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
