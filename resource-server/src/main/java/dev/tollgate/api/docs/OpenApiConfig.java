package dev.tollgate.api.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tollgate.api.ApiProperties;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}. The security
 * scheme is Tollgate itself, with the two ways to get a token: authorization code with PKCE for a person,
 * client credentials for a service; each operation names the scopes it needs. As an alternative, any Tollgate
 * access token can be pasted as a plain bearer token.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    public static final String SCHEME = "tollgate";
    /** The same tokens pasted by hand, e.g. one got with curl. */
    public static final String PASTED_TOKEN = "bearer";

    @Bean
    OpenAPI tollgateApi(ApiProperties properties) {
        return new OpenAPI()
                .info(new Info()
                        .title("Tollgate example API")
                        .version("1")
                        .description("Books and the users directory, protected by Tollgate access tokens (JWT or "
                                + "opaque). Errors are application/problem+json (RFC 9457)."))
                .components(new Components().addSecuritySchemes(SCHEME, new SecurityScheme()
                        .type(SecurityScheme.Type.OAUTH2)
                        .description("Tollgate at " + properties.issuer())
                        .flows(new OAuthFlows()
                                .authorizationCode(new OAuthFlow()
                                        .authorizationUrl(properties.authorizationUri())
                                        .tokenUrl(properties.tokenUri())
                                        .scopes(scopes().addString("openid", "Sign in")))
                                .clientCredentials(new OAuthFlow()
                                        .tokenUrl(properties.tokenUri())
                                        .scopes(scopes()))))
                        .addSecuritySchemes(PASTED_TOKEN, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("An access token from Tollgate, JWT or opaque")));
    }

    private static Scopes scopes() {
        Scopes scopes = new Scopes();
        scopes.addString("books.read", "Read books");
        scopes.addString("books.write", "Add, replace and delete books (users also need role ADMIN)");
        scopes.addString("profile", "Read your own entry in the users directory (role ADMIN: anyone's)");
        scopes.addString("users.read", "List the users directory (role ADMIN)");
        return scopes;
    }
}
