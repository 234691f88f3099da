package dev.tollgate.auth.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.glassfish.jersey.apache5.connector.Apache5ConnectorProvider;
import org.glassfish.jersey.client.ClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;

/**
 * UnboundID's SCIM 2 client, a third party's reading of RFC 7643/7644, provisions users on the running server over
 * real HTTP: the wire format is proven by a client Tollgate did not write.
 */
@AuthServerTest
class ThirdPartyScimClientTest extends HttpTest {

    private Client client;

    private ScimService scim;

    @BeforeEach
    void connect() {
        String token = AdminHttp.demoAdminToken(http);
        client = ClientBuilder.newClient(new ClientConfig().connectorProvider(new Apache5ConnectorProvider()))
                .register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                        request.getHeaders().putSingle("Authorization", "Bearer " + token));
        scim = new ScimService(client.target(http.baseUrl() + "/scim/v2"));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void discoversTheServer() throws ScimException {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getEtag().isSupported()).isTrue();
        assertThat(config.getBulk().isSupported()).isFalse();

        ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
        assertThat(types.getResources()).extracting(ResourceTypeResource::getName).containsExactly("User", "Group");
        ListResponse<SchemaResource> schemas = scim.getSchemas();
        assertThat(schemas.getResources()).extracting(SchemaResource::getId).containsExactly(
                "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group");
    }

    @Test
    void createsFindsPatchesReplacesAndDeletesAUser() throws ScimException {
        String userName = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        UserResource user = new UserResource().setUserName(userName)
                .setName(new Name().setGivenName("Sdk").setFamilyName("Client"))
                .setEmails(List.of(new Email().setValue(userName + "@example.com").setPrimary(true)))
                .setPassword("a long enough password")
                .setActive(true);

        UserResource created = scim.create("Users", user);
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getPassword()).isNull();
        assertThat(created.getMeta().getVersion()).isEqualTo("W/\"1\"");

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter("userName eq \"" + userName + "\" and name.givenName sw \"S\"")
                .sort("userName", SortOrder.ASCENDING)
                .page(1, 10)
                .invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources().get(0).getId()).isEqualTo(created.getId());

        UserResource disabled = scim.modifyRequest(created)
                .replaceValue("active", false)
                .replaceValue("name.givenName", "Patched")
                .invoke();
        assertThat(disabled.getActive()).isFalse();
        assertThat(disabled.getName().getGivenName()).isEqualTo("Patched");

        disabled.setDisplayName("Replaced By SDK");
        UserResource replaced = scim.replaceRequest(disabled).ifMatch().invoke();
        assertThat(replaced.getDisplayName()).isEqualTo("Replaced By SDK");
        assertThat(scim.retrieve("Users", created.getId(), UserResource.class).getDisplayName())
                .isEqualTo("Replaced By SDK");

        scim.delete(replaced);
        assertThatThrownBy(() -> scim.retrieve("Users", created.getId(), UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void readsScimErrors() {
        UserResource weak = new UserResource().setUserName("sdk-weak-" + UUID.randomUUID()).setPassword("short");
        assertThatThrownBy(() -> scim.create("Users", weak))
                .isInstanceOfSatisfying(ScimException.class, error -> {
                    assertThat(error.getScimError().getStatus()).isEqualTo(400);
                    assertThat(error.getScimError().getScimType()).isEqualTo("invalidValue");
                    assertThat(error.getScimError().getDetail()).contains("12 characters");
                });
        assertThatThrownBy(() -> scim.searchRequest("Users").filter("userName eq").invoke(UserResource.class))
                .isInstanceOfSatisfying(ScimException.class,
                        error -> assertThat(error.getScimError().getScimType()).isEqualTo("invalidFilter"));
    }

    @Test
    void readsTheRoleGroups() throws ScimException {
        ListResponse<GroupResource> groups = scim.searchRequest("Groups").filter("displayName eq \"ADMIN\"")
                .excludedAttributes("members").invoke(GroupResource.class);
        assertThat(groups.getResources()).extracting(GroupResource::getDisplayName).containsExactly("ADMIN");
    }
}
