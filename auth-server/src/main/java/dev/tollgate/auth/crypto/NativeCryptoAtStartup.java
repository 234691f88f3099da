package dev.tollgate.auth.crypto;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Installs the native crypto provider before any bean creates or loads a key (see {@link CryptoProviders}), and
 * logs which provider signs. {@code tollgate.crypto.native-provider=false} keeps the JDK's providers.
 */
class NativeCryptoAtStartup implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "tollgate.crypto.native-provider";

    private final Log log;

    NativeCryptoAtStartup(DeferredLogFactory logs) {
        this.log = logs.getLog(NativeCryptoAtStartup.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean wanted = environment.getProperty(PROPERTY, Boolean.class, true);
        CryptoProviders.Outcome outcome = CryptoProviders.install(wanted, CryptoProviders::amazonCorretto);
        log.info("Tokens are signed by JCA provider " + outcome.signingProvider() + " (" + outcome.reason() + ")");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
