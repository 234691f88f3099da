package dev.tollgate.auth.crypto;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Installs the native crypto provider before any bean creates or loads a key (see {@link CryptoProviders}), and
 * logs which provider signs. {@code tollgate.crypto.native-provider=false} keeps the JDK's providers. That is before
 * the application context exists, so {@link CryptoProperties} is bound here from the environment.
 */
class NativeCryptoAtStartup implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    NativeCryptoAtStartup(DeferredLogFactory logs) {
        this.log = logs.getLog(NativeCryptoAtStartup.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean wanted = Binder.get(environment).bindOrCreate("tollgate.crypto", CryptoProperties.class).nativeProvider();
        CryptoProviders.Outcome outcome = CryptoProviders.install(wanted, CryptoProviders::amazonCorretto);
        log.info("Tokens are signed by JCA provider " + outcome.signingProvider() + " (" + outcome.reason() + ")");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
