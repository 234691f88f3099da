package dev.tollgate.auth.scim;

import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any other path or method under {@code /scim/v2} gets a SCIM error rather than the application's error page. */
@RestController
class ScimFallback {

    @RequestMapping(ScimResponses.BASE_PATH + "/**")
    void unknown() throws ResourceNotFoundException {
        throw new ResourceNotFoundException("There is no such SCIM endpoint or operation. Tollgate serves Users, Groups,"
                + " ServiceProviderConfig, ResourceTypes and Schemas under " + ScimResponses.BASE_PATH + ".");
    }
}
