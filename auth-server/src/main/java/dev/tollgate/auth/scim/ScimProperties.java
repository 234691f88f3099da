package dev.tollgate.auth.scim;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SCIM 2.0 provisioning at {@code /scim/v2}.
 *
 * @param maxResults the most resources one list answer carries (RFC 7644 section 3.4.2.4: a larger {@code count} is
 *                   cut to it); advertised as {@code filter.maxResults} in the ServiceProviderConfig
 */
@ConfigurationProperties("tollgate.scim")
public record ScimProperties(@DefaultValue("200") int maxResults) {
}
